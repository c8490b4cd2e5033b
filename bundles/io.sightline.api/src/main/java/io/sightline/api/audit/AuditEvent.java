package io.sightline.api.audit;

import java.time.Instant;

/**
 * One audited action. Must never carry a secret value.
 *
 * @param at when it happened
 * @param organizationId organization the object belongs to, or null for platform events
 * @param actor user id (or {@code system}) who acted
 * @param sourceAddress client IP address, or null for internal work
 * @param action what was done, e.g. {@code login}, {@code datasource.update}
 * @param objectType kind of object acted on, or null
 * @param objectId id of the object acted on, or null
 * @param details what changed, as short JSON text, or null
 */
public record AuditEvent(
        Instant at,
        String organizationId,
        String actor,
        String sourceAddress,
        String action,
        String objectType,
        String objectId,
        String details) {}
