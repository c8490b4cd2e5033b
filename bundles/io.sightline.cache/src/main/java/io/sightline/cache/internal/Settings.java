package io.sightline.cache.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The checked form of {@link CacheConfig}: every problem is reported before a member starts. */
record Settings(String clusterName, List<String> members, InetAddress bindAddress, int port, int maxSizeMb,
        Duration maxTtl) {

    /** SPEC C-1: no result is kept longer than this, whatever the configuration says. */
    static final int MAX_TTL_HOURS = 24;

    /** @throws IllegalArgumentException naming the key and what to do */
    static Settings from(CacheConfig config) {
        String clusterName = config.cluster_name() == null ? "" : config.cluster_name().trim();
        if (clusterName.isEmpty()) {
            throw new IllegalArgumentException("cluster.name: required");
        }
        // Karaf's .cfg files give a list as one comma-separated string, ConfigAdmin as an array: accept both.
        List<String> members = Arrays.stream(config.members() == null ? new String[0] : config.members())
                .flatMap(m -> Arrays.stream(m.split("[,\\s]+")))
                .filter(m -> !m.isEmpty())
                .toList();
        if (config.port() < 1 || config.port() > 65535) {
            throw new IllegalArgumentException("port: must be between 1 and 65535, not " + config.port());
        }
        if (config.max_size_per_node_mb() < 1) {
            throw new IllegalArgumentException("max.size.per.node.mb: must be at least 1, not " + config.max_size_per_node_mb());
        }
        if (config.max_ttl_hours() < 1 || config.max_ttl_hours() > MAX_TTL_HOURS) {
            throw new IllegalArgumentException("max.ttl.hours: must be between 1 and " + MAX_TTL_HOURS
                    + " (SPEC C-1), not " + config.max_ttl_hours());
        }
        InetAddress bind = resolve(config.bind_address());
        if (!config.allow_public_address() && !isPrivate(bind)) {
            throw new IllegalArgumentException("bind.address " + bind.getHostAddress() + " is not a loopback or private "
                    + "address. Hazelcast's open edition has no TLS and no member authentication: anyone who reaches "
                    + "the port could read and change cached results (SPEC C-2). Bind to a loopback or private "
                    + "address, or set allow.public.address = true if a firewall lets only the other nodes reach it.");
        }
        return new Settings(clusterName, members, bind, config.port(), config.max_size_per_node_mb(),
                Duration.ofHours(config.max_ttl_hours()));
    }

    private static InetAddress resolve(String address) {
        // InetAddress.getByName("") would answer loopback: an empty value is a mistake, not a default
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("bind.address: required, e.g. 127.0.0.1 or this node's private address");
        }
        try {
            return InetAddress.getByName(address.trim());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bind.address: unknown host " + address.trim());
        }
    }

    /** Loopback, RFC 1918, link-local, or an IPv6 unique local address; the wildcard 0.0.0.0 is not private. */
    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()) {
            return true;
        }
        // fc00::/7: Java's isSiteLocalAddress knows only the retired fec0::/10
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
    }

    long maxSizeBytes() {
        return maxSizeMb * 1024L * 1024L;
    }

    boolean standalone() {
        return members.isEmpty();
    }
}
