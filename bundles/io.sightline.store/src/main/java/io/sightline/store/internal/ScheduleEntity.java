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
import io.sightline.api.schedule.Schedule;

/** When one job runs; organization-scoped. */
@Entity(name = "Schedule")
@Table(name = "schedules")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "org_id", contextProperty = Tenancy.TENANT_PROPERTY, length = 36)
public class ScheduleEntity {
    @Id
    @Column(length = 64)
    String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private JobKind kind;

    @Column(name = "target_id", nullable = false, length = 36)
    private String targetId;

    @Column(length = 200)
    private String cron;

    @Column(name = "interval_seconds")
    private Integer intervalSeconds;

    @Column(name = "time_zone", nullable = false, length = 64)
    private String timeZone;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "next_run_at", nullable = false)
    private Instant nextRunAt;

    @Column(name = "last_run_at")
    private Instant lastRunAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "last_outcome", length = 16)
    private RunOutcome lastOutcome;

    @Column(name = "created_by", nullable = false, length = 36)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ScheduleEntity() {}

    ScheduleEntity(Schedule s) {
        id = s.id();
        kind = s.kind();
        targetId = s.targetId();
        createdBy = s.createdBy();
        createdAt = s.createdAt();
        lastRunAt = s.lastRunAt();
        lastOutcome = s.lastOutcome();
        update(s);
    }

    /** What people change: the timing and whether it runs. */
    void update(Schedule s) {
        cron = s.cron();
        intervalSeconds = s.intervalSeconds();
        timeZone = s.timeZone();
        enabled = s.enabled();
        nextRunAt = s.nextRunAt();
        updatedAt = s.updatedAt();
    }

    void outcome(Instant startedAt, RunOutcome outcome) {
        lastRunAt = startedAt;
        lastOutcome = outcome;
    }

    Schedule toRecord(String organizationId) {
        return new Schedule(id, organizationId, kind, targetId, cron, intervalSeconds, timeZone, enabled, nextRunAt,
                lastRunAt, lastOutcome, createdBy, createdAt, updatedAt);
    }
}
