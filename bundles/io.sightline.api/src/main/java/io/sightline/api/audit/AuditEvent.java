package io.sightline.api.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.sightline.api.auth.Caller;

/**
 * One audited action (SPEC AU-1). Must never carry a secret value: {@code details} names the
 * fields that changed and their new values only where those are not secret.
 *
 * @param at when it happened (microsecond precision, as stored)
 * @param organizationId organization the object belongs to, or null for platform events (a failed
 *     sign-in with an unknown email, a module installed by ops)
 * @param actorId user id who acted, or {@code system} for the server's own work
 * @param actorEmail the actor's email address at that moment, or null
 * @param sourceAddress client IP address, or null for internal work
 * @param action what was done, dotted, e.g. {@code auth.login}, {@code member.role_change}
 * @param objectType kind of object acted on, or null
 * @param objectId id of the object acted on, or null
 * @param details what changed, in a short line of text, or null
 */
public record AuditEvent(
        Instant at,
        String organizationId,
        String actorId,
        String actorEmail,
        String sourceAddress,
        String action,
        String objectType,
        String objectId,
        String details) {

    /** Actor id of work the server does on its own (schedules, key rotation from the shell). */
    public static final String SYSTEM = "system";

    public AuditEvent {
        if (at == null || action == null || action.isBlank()) {
            throw new IllegalArgumentException("an audit event needs a time and an action");
        }
        at = at.truncatedTo(ChronoUnit.MICROS);
    }

    /** An event that happens now. */
    public static AuditEvent now(String organizationId, String actorId, String actorEmail, String sourceAddress,
            String action, String objectType, String objectId, String details) {
        return new AuditEvent(Instant.now(), organizationId, actorId, actorEmail, sourceAddress, action, objectType,
                objectId, details);
    }

    /**
     * An event done by the caller of an API request, in the caller's organization; the audit module
     * fills in the caller's email address.
     */
    public static AuditEvent by(Caller caller, String action, String objectType, String objectId, String details) {
        return now(caller.organizationId(), caller.userId(), null, caller.sourceAddress(), action, objectType, objectId,
                details);
    }

    /** The same event recorded in another organization's log (events about a user go to each of theirs). */
    public AuditEvent inOrganization(String otherOrganizationId) {
        return new AuditEvent(at, otherOrganizationId, actorId, actorEmail, sourceAddress, action, objectType, objectId,
                details);
    }
}
