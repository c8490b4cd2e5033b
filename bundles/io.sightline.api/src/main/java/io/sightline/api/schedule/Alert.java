package io.sightline.api.schedule;

import java.time.Instant;

/**
 * An SQL alert (S-2): a query on a data source, a condition on its result and whom to notify. Its
 * schedule is the {@link JobKind#ALERT} schedule whose target is the alert; webhook URLs are
 * secrets in the vault. The condition and the notification settings are JSON text owned by the
 * scheduler module. Immutable.
 *
 * @param reportId the report the notification links to, or null for the alert itself
 * @param state UNKNOWN until the first run, then OK, TRIGGERED or ERROR
 * @param lastValue the value the condition looked at in the last run (for "changed"), or null
 */
public record Alert(String id, String organizationId, String name, String dataSourceId, String sql, String reportId,
        String conditionJson, String notifyJson, String state, String lastValue, Instant lastCheckedAt,
        String lastMessage, String createdBy, Instant createdAt, Instant updatedAt) {

    /** The same alert after a run. */
    public Alert checked(String newState, String value, Instant at, String message) {
        return new Alert(id, organizationId, name, dataSourceId, sql, reportId, conditionJson, notifyJson, newState, value,
                at, message, createdBy, createdAt, updatedAt);
    }
}
