package io.sightline.api.query;

import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Persistence of query history (SPEC Q-5); every method is scoped to one organization and user. */
@ProviderType
public interface QueryHistoryStore {

    /** Stores an entry (its id is assigned when null). */
    QueryHistoryEntry add(QueryHistoryEntry entry);

    /** Stores entries of any organizations in one transaction (ids assigned when null). */
    void addAll(List<QueryHistoryEntry> entries);

    /**
     * The user's entries, newest first.
     *
     * @param search text the SQL must contain (case-insensitive), or null
     * @param dataSourceId only this data source, or null
     * @param before only entries older than this, for paging, or null
     * @param limit at most this many (1 … 500)
     */
    List<QueryHistoryEntry> list(String organizationId, String userId, String search, String dataSourceId,
            Instant before, int limit);

    /** Deletes entries older than {@code before} (retention); returns how many. */
    int deleteOlderThan(Instant before);
}
