package io.sightline.api.query;

import java.time.Instant;

/**
 * One run in a user's query history (SPEC Q-5).
 *
 * @param id entry id
 * @param organizationId organization
 * @param userId who ran it
 * @param dataSourceId where
 * @param sql the SQL as written (before parameters were bound)
 * @param startedAt when
 * @param durationMillis how long it took (0 for a cache hit)
 * @param rowCount rows returned, or -1 when it failed
 * @param status how it ended
 * @param error the error shown to the user, or null
 */
public record QueryHistoryEntry(String id, String organizationId, String userId, String dataSourceId, String sql,
        Instant startedAt, long durationMillis, long rowCount, Status status, String error) {
    /** How a run ended. */
    public enum Status {
        SUCCEEDED, CACHED, FAILED, CANCELLED, TIMED_OUT
    }
}
