package io.sightline.api.audit;

import java.time.Instant;

/**
 * A filter over one organization's audit log; null fields do not filter. Newest entries first.
 *
 * @param actor a user id, or part of the actor's email address (case-insensitive)
 * @param action an action, or a prefix ending with a dot ({@code auth.} matches every sign-in event)
 * @param objectType kind of object
 * @param objectId id of the object
 * @param from entries at or after this time
 * @param to entries before this time
 * @param offset entries to skip
 * @param limit at most this many entries (1 … 1000)
 */
public record AuditQuery(String actor, String action, String objectType, String objectId, Instant from, Instant to,
        int offset, int limit) {

    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("offset ≥ 0 and limit 1 … " + MAX_LIMIT);
        }
    }

    /** The same filter on another page. */
    public AuditQuery page(int newOffset, int newLimit) {
        return new AuditQuery(actor, action, objectType, objectId, from, to, newOffset, newLimit);
    }
}
