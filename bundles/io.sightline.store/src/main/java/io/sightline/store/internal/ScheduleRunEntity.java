package io.sightline.store.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;

import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

import io.sightline.api.schedule.JobKind;
import io.sightline.api.schedule.RunOutcome;
import io.sightline.api.schedule.ScheduleRun;

/** One run of a scheduled job; organization-scoped, append-only. */
@Entity(name = "ScheduleRun")
@Table(name = "schedule_runs")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "org_id", contextProperty = Tenancy.TENANT_PROPERTY, length = 36)
public class ScheduleRunEntity {
    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "schedule_id", nullable = false, length = 64)
    private String scheduleId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private JobKind kind;

    @Column(name = "target_id", nullable = false, length = 36)
    private String targetId;

    @Column(name = "due_at", nullable = false)
    private Instant dueAt;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "ended_at", nullable = false)
    private Instant endedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private RunOutcome outcome;

    @Column(length = 1000)
    private String message;

    @Column(nullable = false, length = 100)
    private String node;

    protected ScheduleRunEntity() {}

    ScheduleRunEntity(ScheduleRun r) {
        id = r.id();
        scheduleId = r.scheduleId();
        kind = r.kind();
        targetId = r.targetId();
        dueAt = r.dueAt();
        startedAt = r.startedAt();
        endedAt = r.endedAt();
        outcome = r.outcome();
        message = r.message() == null || r.message().length() <= 1000 ? r.message() : r.message().substring(0, 999) + "…";
        node = r.node();
    }

    ScheduleRun toRecord(String organizationId) {
        return new ScheduleRun(id, organizationId, scheduleId, kind, targetId, dueAt, startedAt, endedAt, outcome, message,
                node);
    }
}
