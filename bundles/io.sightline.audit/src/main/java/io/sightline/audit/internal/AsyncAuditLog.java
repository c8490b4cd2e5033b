package io.sightline.audit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sightline.api.account.AccountStore;
import io.sightline.api.account.User;
import io.sightline.api.audit.AuditEntry;
import io.sightline.api.audit.AuditEvent;
import io.sightline.api.audit.AuditLog;
import io.sightline.api.audit.AuditStore;

/**
 * The audit log (SPEC AU-1, AU-2). {@link #record} only queues; one writer thread takes the queue
 * in batches, links each entry to the end of its organization's chain and appends the batch in one
 * transaction per chain. While the store fails, the writer keeps the batch and retries with growing
 * pauses (counted in {@link #stats}); only a full queue drops entries, and each drop is counted and
 * logged. On shutdown the queue is written out before the component goes.
 */
@Component(service = {AuditLog.class, AsyncAuditLog.class}, configurationPid = AsyncAuditLog.PID)
@Designate(ocd = AuditConfig.class)
public class AsyncAuditLog implements AuditLog {
    static final String PID = "io.sightline.audit";
    private static final Logger LOG = LoggerFactory.getLogger(AsyncAuditLog.class);
    private static final long FIRST_PAUSE_MS = 250;
    private static final long MAX_PAUSE_MS = 30_000;
    private static final Duration EMAIL_CACHE_TIME = Duration.ofMinutes(1);

    private final AuditStore store;
    private final Function<String, Optional<String>> emailOfUser;
    private final BlockingQueue<AuditEvent> queue;
    private final int batchSize;
    private final Duration flushTimeout;
    private final Thread writer;
    private volatile boolean stopping;

    // Written by the writer thread only.
    private final Map<String, AuditEntry> heads = new LinkedHashMap<>();
    private final Map<String, CachedEmail> emails = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CachedEmail> eldest) {
            return size() > 1000;
        }
    };

    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failedWrites = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile Instant failingSince;

    private record CachedEmail(String email, Instant at) {}

    /** Counters for health and metrics. */
    public record Stats(long recorded, long written, long queued, long failedWrites, long dropped, Instant failingSince) {}

    @Activate
    public AsyncAuditLog(@Reference AuditStore store, @Reference AccountStore accounts, AuditConfig config) {
        this(store, userId -> accounts.findUser(userId).map(User::email), config);
    }

    AsyncAuditLog(AuditStore store, Function<String, Optional<String>> emailOfUser, AuditConfig config) {
        this.store = store;
        this.emailOfUser = emailOfUser;
        this.queue = new ArrayBlockingQueue<>(Math.max(1000, config.queue_capacity()));
        this.batchSize = Math.max(1, config.batch_size());
        this.flushTimeout = Duration.ofSeconds(Math.max(1, config.flush_timeout_seconds()));
        this.writer = new Thread(this::writeLoop, "sightline-audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void record(AuditEvent event) {
        recorded.incrementAndGet();
        if (!queue.offer(event)) {
            long count = dropped.incrementAndGet();
            // Errors, not a flood: the first drop and then every thousandth.
            if (count == 1 || count % 1000 == 0) {
                LOG.error("Audit queue full ({} entries): {} audit entries dropped so far; the store has been failing since {}",
                        queue.size(), count, failingSince);
            }
        }
    }

    public Stats stats() {
        return new Stats(recorded.get(), written.get(), queue.size(), failedWrites.get(), dropped.get(), failingSince);
    }

    /** Waits until everything queued so far is written (for tests and the shell); false on timeout. */
    public boolean awaitWritten(Duration timeout) throws InterruptedException {
        long target = recorded.get() - dropped.get();
        long end = System.nanoTime() + timeout.toNanos();
        while (written.get() < target) {
            if (System.nanoTime() > end) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return true;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        stopping = true;
        writer.join(flushTimeout.toMillis());
        if (writer.isAlive()) {
            writer.interrupt();
            writer.join(1000);
            LOG.error("Audit log stopped with {} entries not written (store unavailable for {} s)", queue.size(),
                    flushTimeout.toSeconds());
        }
    }

    private void writeLoop() {
        Map<String, List<AuditEvent>> pending = new LinkedHashMap<>();
        long pause = FIRST_PAUSE_MS;
        long deadline = Long.MAX_VALUE;
        while (true) {
            if (stopping && deadline == Long.MAX_VALUE) {
                deadline = System.nanoTime() + flushTimeout.toNanos();
            }
            try {
                if (pending.isEmpty()) {
                    AuditEvent first = queue.poll(stopping ? 0 : 200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (stopping) {
                            return; // queue empty, everything written
                        }
                        continue;
                    }
                    List<AuditEvent> batch = new ArrayList<>(batchSize);
                    batch.add(first);
                    queue.drainTo(batch, batchSize - 1);
                    for (AuditEvent event : batch) {
                        pending.computeIfAbsent(chainOf(event), c -> new ArrayList<>()).add(event);
                    }
                }
                writePending(pending);
                failingSince = null;
                pause = FIRST_PAUSE_MS;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                failedWrites.incrementAndGet();
                if (failingSince == null) {
                    failingSince = Instant.now();
                }
                heads.clear(); // re-read chain ends: the failed transaction may or may not have landed
                LOG.warn("Audit store unavailable ({}); {} entries kept and retried in {} ms",
                        e.getClass().getSimpleName(), pending.values().stream().mapToInt(List::size).sum() + queue.size(), pause);
                if (System.nanoTime() > deadline) {
                    return;
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(pause);
                } catch (InterruptedException stop) {
                    return;
                }
                pause = Math.min(pause * 2, MAX_PAUSE_MS);
            }
        }
    }

    /** Appends each chain's events; a chain that is written leaves {@code pending} at once. */
    private void writePending(Map<String, List<AuditEvent>> pending) {
        Iterator<Map.Entry<String, List<AuditEvent>>> chains = pending.entrySet().iterator();
        while (chains.hasNext()) {
            Map.Entry<String, List<AuditEvent>> chain = chains.next();
            append(chain.getKey(), chain.getValue());
            written.addAndGet(chain.getValue().size());
            chains.remove();
        }
    }

    private void append(String chain, List<AuditEvent> events) {
        List<AuditEvent> complete = events.stream().map(this::complete).toList();
        // Another node may have appended meanwhile (cluster): re-read the chain's end and link again.
        for (int attempt = 0; attempt < 5; attempt++) {
            AuditEntry head = heads.containsKey(chain) ? heads.get(chain) : store.last(chain).orElse(null);
            long sequence = head == null ? 0 : head.sequence();
            String previous = head == null ? ChainHash.GENESIS : head.hash();
            List<AuditEntry> entries = new ArrayList<>(complete.size());
            for (AuditEvent event : complete) {
                AuditEntry entry = ChainHash.link(chain, ++sequence, event, previous);
                entries.add(entry);
                previous = entry.hash();
            }
            if (store.append(chain, entries)) {
                heads.put(chain, entries.get(entries.size() - 1));
                return;
            }
            heads.remove(chain);
        }
        throw new IllegalStateException("audit chain " + chain + " kept moving while appending");
    }

    private static String chainOf(AuditEvent event) {
        return event.organizationId() == null ? AuditStore.PLATFORM_CHAIN : event.organizationId();
    }

    /** Fills in the actor's email and fits every field to its column (the stored text is what is hashed). */
    private AuditEvent complete(AuditEvent e) {
        String email = e.actorEmail();
        if (email == null && e.actorId() != null && !AuditEvent.SYSTEM.equals(e.actorId())) {
            email = emailOf(e.actorId());
        }
        return new AuditEvent(e.at(), e.organizationId(), fit(e.actorId(), 36), fit(email, 320), fit(e.sourceAddress(), 64),
                fit(e.action(), 64), fit(e.objectType(), 32), fit(e.objectId(), 64), fit(e.details(), 2000));
    }

    private String emailOf(String userId) {
        CachedEmail cached = emails.get(userId);
        Instant now = Instant.now();
        if (cached == null || cached.at().isBefore(now.minus(EMAIL_CACHE_TIME))) {
            cached = new CachedEmail(emailOfUser.apply(userId).orElse(null), now);
            emails.put(userId, cached);
        }
        return cached.email();
    }

    private static String fit(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
