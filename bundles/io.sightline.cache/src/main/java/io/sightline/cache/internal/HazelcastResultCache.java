package io.sightline.cache.internal;

import java.net.Inet6Address;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.hazelcast.cluster.ClusterState;
import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import com.hazelcast.query.QueryConstants;

import io.sightline.api.cache.CacheStats;
import io.sightline.api.cache.CachedEntry;
import io.sightline.api.cache.ResultCache;
import io.sightline.api.health.HealthStatus;

/**
 * The result cache in an embedded Hazelcast member (SPEC C-1, C-2), started when the component
 * activates and shut down when it deactivates, so stopping the bundle frees its threads and port.
 *
 * <p>Entries are byte arrays under string keys, kept in BINARY form: Hazelcast never loads a Sightline
 * class, and nodes of different versions can share the map. Nothing is written to disk: no map store,
 * and persistence (an Enterprise feature anyway) stays off.
 */
@Component(service = {ResultCache.class, HazelcastResultCache.class}, immediate = true,
        configurationPid = HazelcastResultCache.PID)
@Designate(ocd = CacheConfig.class)
public class HazelcastResultCache implements ResultCache {
    static final String PID = "io.sightline.cache";
    static final String MAP = "sightline-results";
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastResultCache.class);

    private final HazelcastInstance hazelcast;
    private final IMap<String, byte[]> results;
    private final Duration maxTtl;
    private final long maxValueBytes;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    /** Set while reads or writes fail, so a dead cluster logs one warning, not one per query. */
    private final AtomicBoolean failing = new AtomicBoolean();

    @Activate
    public HazelcastResultCache(CacheConfig config) {
        Settings settings;
        try {
            settings = Settings.from(config);
        } catch (IllegalArgumentException e) {
            LOG.error("Result cache not started: {} (etc/{}.cfg)", e.getMessage(), PID);
            throw e;
        }
        this.maxTtl = settings.maxTtl();
        this.maxValueBytes = settings.maxSizeBytes();
        // Hazelcast cleans up after itself when this throws; from here on a failure is ours to clean up
        this.hazelcast = Hazelcast.newHazelcastInstance(hazelcastConfig(settings, HazelcastResultCache.class.getClassLoader()));
        try {
            this.results = hazelcast.getMap(MAP);
            LOG.info("Result cache started: Hazelcast member {} in cluster '{}' of {} member(s){}",
                    hazelcast.getCluster().getLocalMember().getAddress(), settings.clusterName(),
                    hazelcast.getCluster().getMembers().size(), settings.standalone() ? ", standalone" : "");
        } catch (RuntimeException e) {
            hazelcast.shutdown();
            throw e;
        }
    }

    static Config hazelcastConfig(Settings settings, ClassLoader classLoader) {
        Config config = new Config();
        config.setClusterName(settings.clusterName());
        // Our bundle's loader; Hazelcast still loads its own com.hazelcast classes with its own loader
        config.setClassLoader(classLoader);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        // Karaf stops the bundle, and with it the member, when the JVM stops
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        // Leaving gracefully hands this node's entries to the others; do not hold up a bundle stop for long
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "30");
        config.getPersistenceConfig().setEnabled(false);
        config.getJetConfig().setEnabled(false);

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.port()).setPortAutoIncrement(true);
        if (!settings.bindAddress().isAnyLocalAddress()) {
            // Without bind.any=false Hazelcast would listen on every interface and only advertise this one
            network.getInterfaces().setEnabled(true).addInterface(settings.bindAddress().getHostAddress());
            config.setProperty("hazelcast.socket.bind.any", "false");
        }
        if (settings.bindAddress() instanceof Inet6Address) {
            config.setProperty("hazelcast.prefer.ipv4.stack", "false");
        }
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(!settings.standalone()).setMembers(settings.members());

        config.addMapConfig(new MapConfig(MAP)
                .setInMemoryFormat(InMemoryFormat.BINARY)
                .setBackupCount(1)
                .setMaxIdleSeconds(0)
                .setTimeToLiveSeconds(0) // set per entry by put
                .setEvictionConfig(new EvictionConfig()
                        .setEvictionPolicy(EvictionPolicy.LRU)
                        .setMaxSizePolicy(MaxSizePolicy.USED_HEAP_SIZE)
                        .setSize(settings.maxSizeMb())));
        return config;
    }

    @Deactivate
    void deactivate() {
        hazelcast.shutdown();
        LOG.info("Result cache stopped");
    }

    @Override
    public Optional<CachedEntry> get(String key) {
        requireNonEmpty(key, "key");
        Optional<CachedEntry> entry;
        try {
            byte[] stored = results.get(key);
            entry = stored == null ? Optional.empty() : Entries.decode(stored, Instant.now());
            recovered();
        } catch (RuntimeException e) {
            failed("read", e);
            entry = Optional.empty();
        }
        (entry.isPresent() ? hits : misses).increment();
        return entry;
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        requireNonEmpty(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isZero() || ttl.isNegative()) {
            return;
        }
        if (value.length > maxValueBytes) {
            // It would push every other result out and still not fit
            LOG.debug("Result of {} bytes not cached: above max.size.per.node.mb", value.length);
            return;
        }
        Duration kept = ttl.compareTo(maxTtl) > 0 ? maxTtl : ttl;
        // Hazelcast reads a TTL of 0 as "forever": a sub-millisecond TTL becomes 1 ms
        long ttlMillis = Math.max(1, kept.toMillis());
        Instant now = Instant.now();
        try {
            results.set(key, Entries.encode(value, now, now.plusMillis(ttlMillis)), ttlMillis, TimeUnit.MILLISECONDS);
            recovered();
        } catch (RuntimeException e) {
            failed("write", e);
        }
    }

    @Override
    public int evictPrefix(String prefix) {
        requireNonEmpty(prefix, "prefix");
        // (?s): a key with a line break after the prefix still matches
        Predicate<String, byte[]> matching = Predicates.regex(QueryConstants.KEY_ATTRIBUTE_NAME.value(),
                "(?s)" + Pattern.quote(prefix) + ".*");
        try {
            Set<String> keys = results.keySet(matching);
            keys.forEach(results::delete);
            return keys.size();
        } catch (RuntimeException e) {
            throw new IllegalStateException("the result cache could not drop the entries under " + prefix, e);
        }
    }

    @Override
    public CacheStats stats() {
        long entries = 0;
        long bytes = 0;
        try {
            LocalMapStats local = results.getLocalMapStats();
            entries = local.getOwnedEntryCount();
            bytes = local.getOwnedEntryMemoryCost();
        } catch (RuntimeException e) {
            // the member is stopping: no entries to report
        }
        return new CacheStats(entries, hits.sum(), misses.sum(), bytes);
    }

    /** For the health check: up while the member runs in an active cluster. Never throws. */
    HealthStatus health() {
        try {
            if (!hazelcast.getLifecycleService().isRunning()) {
                return HealthStatus.down("the cache member has stopped; queries run uncached");
            }
            ClusterState state = hazelcast.getCluster().getClusterState();
            String message = "member running, cluster " + state + " with " + hazelcast.getCluster().getMembers().size()
                    + " member(s)";
            return state == ClusterState.ACTIVE ? HealthStatus.up(message) : HealthStatus.down(message);
        } catch (RuntimeException e) {
            return HealthStatus.down("the cache member does not answer: " + e.getClass().getSimpleName());
        }
    }

    HazelcastInstance hazelcast() {
        return hazelcast;
    }

    IMap<String, byte[]> map() {
        return results;
    }

    private void failed(String what, RuntimeException e) {
        if (failing.compareAndSet(false, true)) {
            LOG.warn("Result cache {} failed, queries run uncached until it answers again: {}", what, e.toString());
        } else {
            LOG.debug("Result cache {} failed: {}", what, e.toString());
        }
    }

    private void recovered() {
        if (failing.get() && failing.compareAndSet(true, false)) {
            LOG.info("Result cache answers again");
        }
    }

    private static void requireNonEmpty(String value, String name) {
        if (Objects.requireNonNull(value, name).isEmpty()) {
            throw new IllegalArgumentException(name + ": required");
        }
    }
}
