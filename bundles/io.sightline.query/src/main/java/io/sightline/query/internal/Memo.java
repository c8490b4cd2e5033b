package io.sightline.query.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Remembers the results of pure, repeatable work on SQL text (parsing, the statement check) for
 * the texts seen lately. Bounded: when full it starts over, which costs one re-parse per text.
 * Failures are not remembered. Thread-safe.
 */
final class Memo<K, V> {
    private final ConcurrentHashMap<K, V> entries = new ConcurrentHashMap<>();
    private final int maxEntries;

    Memo(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    V get(K key) {
        return entries.get(key);
    }

    void put(K key, V value) {
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, value);
    }

    V get(K key, Supplier<V> compute) {
        V known = entries.get(key);
        if (known == null) {
            known = compute.get();
            put(key, known);
        }
        return known;
    }
}
