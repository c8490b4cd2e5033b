package io.sightline.api.cache;

import java.time.Duration;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * In-memory store of query results (SPEC C-1): nothing is written to disk, every entry expires.
 *
 * <p>Callers check permissions before reading (C-2); the cache itself holds no access rules.
 * Thread-safe; in a cluster the entries are shared by every node.
 */
@ProviderType
public interface ResultCache {

    /** The cached value for {@code key}, if present and not expired. */
    Optional<CachedResult> get(CacheKey key);

    /** Stores a value for at most {@code ttl}; a zero TTL means "do not cache". */
    void put(CacheKey key, CachedResult value, Duration ttl);

    /** Drops every entry of one data source (after its settings changed). */
    void invalidateDataSource(String dataSourceId);
}
