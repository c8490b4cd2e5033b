package io.sightline.store.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.sightline.api.schedule.JobKind;
import io.sightline.api.schedule.Schedule;
import io.sightline.api.schedule.ScheduleRun;
import io.sightline.api.schedule.ScheduleStore;

/**
 * {@link ScheduleStore} over the platform persistence unit. People's calls are scoped to one
 * organization; the scheduler's polling and claiming are native SQL across organizations.
 */
@Component(service = ScheduleStore.class)
public class JpaScheduleStore implements ScheduleStore {
    private final Tenancy tenancy;

    @Activate
    public JpaScheduleStore(@Reference(target = PlatformDatabase.UNIT_FILTER) EntityManagerFactory emf) {
        this.tenancy = new Tenancy(emf);
    }

    @Override
    public Schedule create(Schedule schedule) {
        try {
            return tenancy.inOrganization(schedule.organizationId(), em -> {
                em.persist(new ScheduleEntity(schedule));
                em.flush();
                return schedule;
            });
        } catch (PersistenceException e) {
            throw new IllegalStateException("targetId: this target already has a schedule of this kind");
        }
    }

    @Override
    public Optional<Schedule> update(Schedule schedule) {
        return tenancy.inOrganization(schedule.organizationId(), em -> {
            ScheduleEntity entity = em.find(ScheduleEntity.class, schedule.id());
            if (entity == null) {
                return Optional.empty();
            }
            entity.update(schedule);
            return Optional.of(entity.toRecord(schedule.organizationId()));
        });
    }

    @Override
    public Optional<Schedule> find(String organizationId, String id) {
        return tenancy.inOrganization(organizationId,
                em -> Optional.ofNullable(em.find(ScheduleEntity.class, id)).map(e -> e.toRecord(organizationId)));
    }

    @Override
    public Optional<Schedule> findFor(String organizationId, JobKind kind, String targetId) {
        return tenancy.inOrganization(organizationId, em -> forTarget(em, kind, targetId).map(e -> e.toRecord(organizationId)));
    }

    static Optional<ScheduleEntity> forTarget(EntityManager em, JobKind kind, String targetId) {
        return em.createQuery("SELECT s FROM Schedule s WHERE s.kind = :kind AND s.targetId = :target", ScheduleEntity.class)
                .setParameter("kind", kind)
                .setParameter("target", targetId)
                .getResultStream().findFirst();
    }

    @Override
    public List<Schedule> list(String organizationId) {
        return tenancy.inOrganization(organizationId, em -> em
                .createQuery("SELECT s FROM Schedule s ORDER BY s.kind, s.targetId", ScheduleEntity.class)
                .getResultStream().map(s -> s.toRecord(organizationId)).toList());
    }

    @Override
    public boolean delete(String organizationId, String id) {
        return tenancy.inOrganization(organizationId, em -> {
            ScheduleEntity entity = em.find(ScheduleEntity.class, id);
            if (entity == null) {
                return false;
            }
            em.createQuery("DELETE FROM ScheduleRun r WHERE r.scheduleId = :id").setParameter("id", id).executeUpdate();
            em.remove(entity);
            return true;
        });
    }

    @Override
    public void deleteFor(String organizationId, JobKind kind, String targetId) {
        tenancy.inOrganization(organizationId, em -> {
            removeFor(em, kind, targetId);
            return null;
        });
    }

    @Override
    public void setInterval(String organizationId, JobKind kind, String targetId, int intervalSeconds, String userId) {
        tenancy.inOrganization(organizationId, em -> {
            setInterval(em, organizationId, kind, targetId, intervalSeconds, userId);
            return null;
        });
    }

    /**
     * In the caller's transaction, so that a content or data source write and its schedule commit
     * together. The stores call it when an object's own refresh setting changes.
     */
    static void setInterval(EntityManager em, String organizationId, JobKind kind, String targetId, int intervalSeconds,
            String userId) {
        if (intervalSeconds <= 0) {
            removeFor(em, kind, targetId);
            return;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant next = now.plusSeconds(intervalSeconds);
        Optional<ScheduleEntity> existing = forTarget(em, kind, targetId);
        if (existing.isPresent()) {
            Schedule s = existing.get().toRecord(organizationId);
            existing.get().update(new Schedule(s.id(), organizationId, kind, targetId, null, intervalSeconds, s.timeZone(),
                    s.enabled(), next, s.lastRunAt(), s.lastOutcome(), s.createdBy(), s.createdAt(), now));
        } else {
            em.persist(new ScheduleEntity(new Schedule(java.util.UUID.randomUUID().toString(), organizationId, kind, targetId,
                    null, intervalSeconds, "UTC", true, next, null, null, userId, now, now)));
        }
    }

    private static void removeFor(EntityManager em, JobKind kind, String targetId) {
        forTarget(em, kind, targetId).ifPresent(s -> {
            em.createQuery("DELETE FROM ScheduleRun r WHERE r.scheduleId = :id").setParameter("id", s.id).executeUpdate();
            em.remove(s);
        });
    }

    @Override
    public List<Schedule> due(JobKind kind, Instant now, int max) {
        // Crosses organizations by design: the scheduler serves them all. Ids first, then each row
        // read in its own organization so that the tenant filter still applies to what is returned.
        List<Object[]> rows = tenancy.platformWide(em -> {
            @SuppressWarnings("unchecked")
            List<Object[]> found = em.createNativeQuery("SELECT org_id, id FROM schedules "
                            + "WHERE kind = ? AND enabled = TRUE AND next_run_at <= ? ORDER BY next_run_at")
                    .setParameter(1, kind.name())
                    .setParameter(2, Timestamp.from(now))
                    .setHint(Tenancy.CROSS_TENANT, true)
                    .setMaxResults(max)
                    .getResultList();
            return found;
        });
        return rows.stream().map(r -> find((String) r[0], (String) r[1])).flatMap(Optional::stream).toList();
    }

    @Override
    public boolean claim(Schedule schedule, Instant next, Instant now) {
        return tenancy.platformWide(em -> em.createNativeQuery("UPDATE schedules SET next_run_at = ?, last_run_at = ? "
                        + "WHERE id = ? AND org_id = ? AND enabled = TRUE AND next_run_at = ?")
                .setParameter(1, Timestamp.from(next))
                .setParameter(2, Timestamp.from(now))
                .setParameter(3, schedule.id())
                .setParameter(4, schedule.organizationId())
                .setParameter(5, Timestamp.from(schedule.nextRunAt()))
                .setHint(Tenancy.CROSS_TENANT, true)
                .executeUpdate() == 1);
    }

    @Override
    public void record(ScheduleRun run) {
        tenancy.inOrganization(run.organizationId(), em -> {
            ScheduleEntity schedule = em.find(ScheduleEntity.class, run.scheduleId());
            if (schedule == null) {
                return null; // deleted while it ran
            }
            em.persist(new ScheduleRunEntity(run));
            schedule.outcome(run.startedAt(), run.outcome());
            return null;
        });
    }

    @Override
    public List<ScheduleRun> runs(String organizationId, String scheduleId, int limit) {
        return tenancy.inOrganization(organizationId, em -> (scheduleId == null
                ? em.createQuery("SELECT r FROM ScheduleRun r ORDER BY r.startedAt DESC, r.id", ScheduleRunEntity.class)
                : em.createQuery("SELECT r FROM ScheduleRun r WHERE r.scheduleId = :id ORDER BY r.startedAt DESC, r.id",
                        ScheduleRunEntity.class).setParameter("id", scheduleId))
                .setMaxResults(limit)
                .getResultStream().map(r -> r.toRecord(organizationId)).toList());
    }

    @Override
    public int deleteRunsBefore(Instant before) {
        return tenancy.platformWide(em -> em.createNativeQuery("DELETE FROM schedule_runs WHERE ended_at < ?")
                .setParameter(1, Timestamp.from(before))
                .setHint(Tenancy.CROSS_TENANT, true)
                .executeUpdate());
    }
}
