package io.sightline.api.schedule;

import java.time.Instant;

/**
 * When one job runs. Exactly one of {@code cron} and {@code intervalSeconds} is set. Immutable.
 *
 * @param cron a five-field UNIX cron expression, evaluated in {@code timeZone}
 * @param intervalSeconds seconds between runs
 * @param timeZone IANA zone id for cron expressions
 * @param nextRunAt when it is due next; {@link ScheduleStore#claim} moves it on
 * @param lastRunAt when a run last started, or null
 * @param lastOutcome how the last run ended, or null
 */
public record Schedule(String id, String organizationId, JobKind kind, String targetId, String cron,
        Integer intervalSeconds, String timeZone, boolean enabled, Instant nextRunAt, Instant lastRunAt,
        RunOutcome lastOutcome, String createdBy, Instant createdAt, Instant updatedAt) {

    public Schedule {
        if ((cron == null) == (intervalSeconds == null)) {
            throw new IllegalArgumentException("exactly one of cron and intervalSeconds");
        }
    }

    /** The same schedule, due at {@code next}. */
    public Schedule dueAt(Instant next) {
        return new Schedule(id, organizationId, kind, targetId, cron, intervalSeconds, timeZone, enabled, next, lastRunAt,
                lastOutcome, createdBy, createdAt, updatedAt);
    }
}
