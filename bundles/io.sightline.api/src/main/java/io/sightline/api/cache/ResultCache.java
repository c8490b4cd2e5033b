package io.sightline.api.cache;

import java.time.Duration;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * In-memory store of query results (SPEC C-1): nothing is written to disk, and every entry expires,
 * after at most 24 hours. In a cluster the entries are shared by every node (C-2).
 *
 * <p>Keys are {@code "<orgId>/<dataSourceId>/<hash>"}, where the hash covers the final SQL and the
 * bound parameter values, so that {@link #evictPrefix} can drop one organization's or one data
 * source's results. Values are opaque bytes: the caller serializes results itself, so the cache
 * never needs Sightline classes and stays readable across versions in a cluster.
 *
 * <p>The cache holds no access rules: callers check permissions before every read (C-2). The
 * service is optional; when it is absent, or when the cache cannot answer, queries run uncached —
 * so {@link #get} and {@link #put} never fail because of the cache itself: a fault is a miss, and a
 * put that cannot be stored is dropped (both are logged).
 *
 * <p>Thread-safe. No argument may be null ({@link NullPointerException}).
 */
@ProviderType
public interface ResultCache {

    /**
     * The cached bytes for {@code key}, or empty. Expired entries are never returned.
     *
     * @param key a non-empty key
     * @return the entry, with a fresh array the caller owns; empty on a miss or a cache fault
     * @throws IllegalArgumentException when {@code key} is empty
     */
    Optional<CachedEntry> get(String key);

    /**
     * Stores {@code value} under {@code key} for at most {@code ttl}, replacing any earlier value. A
     * TTL above the configured maximum (24 hours at most, C-1) is shortened to it; a zero or
     * negative TTL stores nothing (the data source is set to "never cache").
     *
     * @param key a non-empty key
     * @param value the serialized result; read during the call only, not kept
     * @param ttl how long the entry may be served
     * @throws IllegalArgumentException when {@code key} is empty
     */
    void put(String key, byte[] value, Duration ttl);

    /**
     * Drops every entry whose key starts with {@code prefix}, on every node: e.g.
     * {@code "<orgId>/<dataSourceId>/"} after a data source changed, or {@code "<orgId>/"} when an
     * organization is deleted. Entries put by other nodes while this runs may survive.
     *
     * @param prefix a non-empty prefix; end it with {@code /} to match whole key segments
     * @return how many entries were found and dropped
     * @throws IllegalArgumentException when {@code prefix} is empty
     * @throws IllegalStateException when the cache cannot be reached (unlike {@link #get}, a
     *     failed eviction must not go unnoticed)
     */
    int evictPrefix(String prefix);

    /** Counters of this node, for metrics and the admin UI; cheap enough to call on every scrape. */
    CacheStats stats();
}
