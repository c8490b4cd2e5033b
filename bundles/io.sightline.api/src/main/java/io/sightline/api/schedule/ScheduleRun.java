package io.sightline.api.schedule;

import java.time.Instant;

/**
 * One run of a scheduled job, recorded when it ends. Immutable.
 *
 * @param dueAt the due time it was claimed for: one run per (schedule, dueAt), even in a cluster
 * @param message a short outcome for people, never a stack trace or a secret
 * @param node the cluster node that ran it
 */
public record ScheduleRun(String id, String organizationId, String scheduleId, JobKind kind, String targetId,
        Instant dueAt, Instant startedAt, Instant endedAt, RunOutcome outcome, String message, String node) {}
