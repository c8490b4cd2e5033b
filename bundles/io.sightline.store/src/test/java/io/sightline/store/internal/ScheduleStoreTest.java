package io.sightline.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import javax.persistence.EntityManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sightline.api.report.Dashboard;
import io.sightline.api.report.SavedFilter;
import io.sightline.api.schedule.Alert;
import io.sightline.api.schedule.JobKind;
import io.sightline.api.schedule.RunOutcome;
import io.sightline.api.schedule.Schedule;
import io.sightline.api.schedule.ScheduleRun;

/** Schedules, runs and alerts on real encrypted Derby: claims, tenant isolation, schedules kept in step with content. */
class ScheduleStoreTest {
    @TempDir
    Path dir;

    private DerbyDatabase database;
    private EntityManagerFactory emf;
    private JpaScheduleStore schedules;
    private String orgA;
    private String orgB;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @BeforeEach
    void open() throws Exception {
        database = new DerbyDatabase(dir.resolve("db"), dir.resolve("keys/platform-db.key"));
        Migrations.apply(database.dataSource(), getClass().getClassLoader());
        emf = PlatformStoreTest.createEmf(database.dataSource());
        JpaAccountStore accounts = new JpaAccountStore(emf);
        orgA = accounts.createOrganization("A").id();
        orgB = accounts.createOrganization("B").id();
        schedules = new JpaScheduleStore(emf);
    }

    @AfterEach
    void close() {
        emf.close();
        database.close();
    }

    private Schedule schedule(String org, JobKind kind, String target, Instant next) {
        return new Schedule(UUID.randomUUID().toString(), org, kind, target, null, 60, "UTC", true, next, null, null, "u1",
                now, now);
    }

    @Test
    void schedulesStayInTheirOrganizationAndOnePerTarget() {
        Schedule s = schedules.create(schedule(orgA, JobKind.ALERT, "a1", now));
        assertEquals(s, schedules.find(orgA, s.id()).orElseThrow());
        assertTrue(schedules.find(orgB, s.id()).isEmpty());
        assertTrue(schedules.list(orgB).isEmpty());
        assertFalse(schedules.delete(orgB, s.id()));
        assertThrows(IllegalStateException.class, () -> schedules.create(schedule(orgA, JobKind.ALERT, "a1", now)));

        Schedule cron = new Schedule(s.id(), orgA, JobKind.ALERT, "a1", "0 7 * * 1-5", null, "Europe/Berlin", false,
                now.plusSeconds(3600), null, null, "u1", now, now.plusSeconds(1));
        assertEquals(cron, schedules.update(cron).orElseThrow());
        assertEquals(cron, schedules.findFor(orgA, JobKind.ALERT, "a1").orElseThrow());
        assertTrue(schedules.findFor(orgB, JobKind.ALERT, "a1").isEmpty());
    }

    @Test
    void exactlyOneOfManyConcurrentClaimsOfADueRunWins() throws Exception {
        Schedule s = schedules.create(schedule(orgA, JobKind.ALERT, "a1", now.minusSeconds(1)));
        schedules.create(schedule(orgB, JobKind.ALERT, "b1", now.plusSeconds(600)));
        List<Schedule> due = schedules.due(JobKind.ALERT, now, 10);
        assertEquals(List.of(s), due, "only what is due, from any organization");
        assertTrue(schedules.due(JobKind.FILTER_REFRESH, now, 10).isEmpty());

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> claims = IntStream.range(0, 8)
                    .<Callable<Boolean>>mapToObj(i -> () -> schedules.claim(s, now.plusSeconds(60), now)).toList();
            long won = 0;
            for (Future<Boolean> f : pool.invokeAll(claims)) {
                won += f.get() ? 1 : 0;
            }
            assertEquals(1, won);
        } finally {
            pool.shutdown();
        }
        assertTrue(schedules.due(JobKind.ALERT, now, 10).isEmpty(), "claimed: no longer due");
        assertEquals(now.plusSeconds(60), schedules.find(orgA, s.id()).orElseThrow().nextRunAt());
    }

    @Test
    void runsAreRecordedOncePerDueTimeAndPruned() {
        Schedule s = schedules.create(schedule(orgA, JobKind.ALERT, "a1", now));
        ScheduleRun run = new ScheduleRun(UUID.randomUUID().toString(), orgA, s.id(), JobKind.ALERT, "a1", now, now,
                now.plusMillis(20), RunOutcome.TRIGGERED, "x".repeat(2000), "node-1");
        schedules.record(run);
        assertThrows(RuntimeException.class, () -> schedules.record(new ScheduleRun(UUID.randomUUID().toString(), orgA,
                s.id(), JobKind.ALERT, "a1", now, now, now, RunOutcome.OK, null, "node-2")), "one run per due time");
        List<ScheduleRun> runs = schedules.runs(orgA, s.id(), 10);
        assertEquals(1, runs.size());
        assertEquals(1000, runs.get(0).message().length(), "long messages are cut");
        assertEquals(RunOutcome.TRIGGERED, schedules.find(orgA, s.id()).orElseThrow().lastOutcome());
        assertEquals(runs, schedules.runs(orgA, null, 10));
        assertTrue(schedules.runs(orgB, null, 10).isEmpty());

        assertEquals(0, schedules.deleteRunsBefore(now));
        assertEquals(1, schedules.deleteRunsBefore(now.plusSeconds(1)));
        assertTrue(schedules.delete(orgA, s.id()));
    }

    @Test
    void contentAndDataSourcesKeepTheirSchedulesInStep() {
        JpaSavedFilterStore filters = new JpaSavedFilterStore(emf);
        SavedFilter f = filters.create(new SavedFilter(UUID.randomUUID().toString(), orgA, "Regions", "ds1",
                "SELECT region FROM r", "[]", null, 3600, "u1", now, now));
        Schedule s = schedules.findFor(orgA, JobKind.FILTER_REFRESH, f.id()).orElseThrow();
        assertEquals(3600, s.intervalSeconds());
        filters.update(new SavedFilter(f.id(), orgA, "Regions", "ds1", "SELECT region FROM r", "[\"EU\"]", now, 3600, "u1",
                now, now));
        assertEquals(s.nextRunAt(), schedules.findFor(orgA, JobKind.FILTER_REFRESH, f.id()).orElseThrow().nextRunAt(),
                "a refresh that keeps the interval keeps the schedule");
        filters.update(new SavedFilter(f.id(), orgA, "Regions", "ds1", "SELECT region FROM r", "[]", now, 0, "u1", now, now));
        assertTrue(schedules.findFor(orgA, JobKind.FILTER_REFRESH, f.id()).isEmpty(), "0 removes it");

        JpaDashboardStore dashboards = new JpaDashboardStore(emf);
        Dashboard d = dashboards.create(new Dashboard(UUID.randomUUID().toString(), orgA, "Sales", null, "[]", "[]", 300,
                "u1", now, now));
        assertEquals(300, schedules.findFor(orgA, JobKind.DASHBOARD_REFRESH, d.id()).orElseThrow().intervalSeconds());
        dashboards.delete(orgA, d.id());
        assertTrue(schedules.findFor(orgA, JobKind.DASHBOARD_REFRESH, d.id()).isEmpty(), "deleted with its dashboard");

        JpaDataSourceStore sources = new JpaDataSourceStore(emf);
        var ds = sources.create(DataSourceStoreTest.definition(orgA, "Sales"));
        Schedule refresh = schedules.findFor(orgA, JobKind.SCHEMA_REFRESH, ds.id()).orElseThrow();
        assertEquals(86_400, refresh.intervalSeconds(), "DS-5: every 24 h");
        sources.delete(orgA, ds.id());
        assertTrue(schedules.findFor(orgA, JobKind.SCHEMA_REFRESH, ds.id()).isEmpty());
    }

    @Test
    void alertsKeepEditsAndStateApartAndGoWithTheirSchedule() {
        JpaAlertStore alerts = new JpaAlertStore(emf);
        Alert a = alerts.create(new Alert(UUID.randomUUID().toString(), orgA, "Big orders", "ds1", "SELECT 1", null,
                "{\"type\":\"ANY_ROWS\"}", "{\"userIds\":[]}", "UNKNOWN", null, null, null, "u1", now, now));
        assertEquals(a, alerts.find(orgA, a.id()).orElseThrow());
        assertTrue(alerts.find(orgB, a.id()).isEmpty());
        alerts.saveState(a.checked("TRIGGERED", "42", now, "1 row"));
        Alert edited = alerts.update(new Alert(a.id(), orgA, "Bigger orders", "ds1", "SELECT 2", null, "{}", "{}",
                "OK", null, null, null, "u9", now, now)).orElseThrow();
        assertEquals("Bigger orders", edited.name());
        assertEquals("TRIGGERED", edited.state(), "an edit never resets the state a run wrote");
        assertEquals("42", edited.lastValue());
        assertEquals("u1", edited.createdBy());
        schedules.create(schedule(orgA, JobKind.ALERT, a.id(), now));
        assertEquals(1, alerts.list(orgA).size());
        assertTrue(alerts.delete(orgA, a.id()));
        assertTrue(schedules.findFor(orgA, JobKind.ALERT, a.id()).isEmpty());
    }
}
