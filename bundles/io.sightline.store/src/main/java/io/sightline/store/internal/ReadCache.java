package io.sightline.store.internal;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Recent answers of reads that nearly every request makes (a caller's membership, a data source
 * definition), so a cached dashboard tile does not cost a database round trip per request.
 *
 * <p>Writes through the same store call {@link #clear()}, so on one node a change is seen at once.
 * Another node of a cluster sees it when its entry expires, after at most the time to live; that
 * bound is documented in docs/security.md. A load that began before a {@link #clear()} never
 * stores its (possibly older) answer. Thread-safe.
 */
final class ReadCache<K, V> {
    /** How long an answer is reused; also the longest a change on another node stays unseen. */
    static final Duration TIME_TO_LIVE = Duration.ofSeconds(5);
    private static final int MAX_ENTRIES = 10_000;

    private record Entry<V>(V value, long expiresAt) {}

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final long ttlNanos;

    ReadCache() {
        this(TIME_TO_LIVE);
    }

    ReadCache(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    V get(K key, Supplier<V> load) {
        long now = System.nanoTime();
        Entry<V> entry = entries.get(key);
        if (entry != null && now - entry.expiresAt() < 0) {
            return entry.value();
        }
        long before = generation.get();
        V value = load.get();
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, new Entry<>(value, now + ttlNanos));
        if (generation.get() != before) {
            entries.remove(key); // a write happened meanwhile: the value may predate it
        }
        return value;
    }

    /** Runs a write that could change answers, then forgets them all (after its commit). */
    <T> T changing(Supplier<T> write) {
        try {
            return write.get();
        } finally {
            clear();
        }
    }

    /** Forgets every answer. */
    void clear() {
        generation.incrementAndGet();
        entries.clear();
    }
}
