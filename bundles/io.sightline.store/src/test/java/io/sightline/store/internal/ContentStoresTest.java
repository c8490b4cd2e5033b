package io.sightline.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import javax.persistence.EntityManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sightline.api.report.Content;
import io.sightline.api.report.Dashboard;
import io.sightline.api.report.Report;
import io.sightline.api.report.SavedFilter;

/** Reports, dashboards and saved filters on real encrypted Derby, including tenant isolation. */
class ContentStoresTest {
    @TempDir
    Path dir;

    private DerbyDatabase database;
    private EntityManagerFactory emf;
    private JpaReportStore reports;
    private JpaDashboardStore dashboards;
    private JpaSavedFilterStore filters;
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
        reports = new JpaReportStore(emf);
        dashboards = new JpaDashboardStore(emf);
        filters = new JpaSavedFilterStore(emf);
    }

    @AfterEach
    void close() {
        emf.close();
        database.close();
    }

    private Report report(String org, String name, String creator) {
        return new Report(UUID.randomUUID().toString(), org, name, "why", "ds1", "SELECT " + "x".repeat(40_000),
                "[{\"name\":\"region\",\"type\":\"TEXT\"}]", null, null, "bar", "{\"stacked\":true}", creator, now, now);
    }

    @Test
    void reportsKeepEveryFieldAndLongJsonAndStayInTheirOrganization() {
        Report r = reports.create(report(orgA, "Revenue", "u1"));
        assertEquals(r, reports.find(orgA, r.id()).orElseThrow());
        assertTrue(reports.find(orgB, r.id()).isEmpty(), "another organization's id is invisible");
        assertTrue(reports.update(new Report(r.id(), orgB, "hijack", null, null, null, "[]", null, null, "table", "{}", "u9",
                now, now)).isEmpty(), "nor can it be changed from there");
        assertFalse(reports.delete(orgB, r.id()));
        assertEquals("Revenue", reports.find(orgA, r.id()).orElseThrow().name());

        Report model = new Report(r.id(), orgA, "By region", null, "ds2", null, "[]", "m1",
                "{\"metrics\":[\"revenue\"]}", "pie", "{}", "someone-else", Instant.EPOCH, now.plusSeconds(5));
        Report saved = reports.update(model).orElseThrow();
        assertEquals("u1", saved.createdBy(), "the creator never changes");
        assertEquals(now, saved.createdAt(), "nor the creation time");
        assertEquals("m1", saved.modelId());
        assertEquals("{\"metrics\":[\"revenue\"]}", saved.modelQueryJson());
        assertEquals(null, saved.sql());
        assertTrue(reports.delete(orgA, r.id()));
        assertTrue(reports.find(orgA, r.id()).isEmpty());
    }

    @Test
    void visibleToIsOwnPlusSharedByNameInOneOrganization() {
        Report mine = reports.create(report(orgA, "b mine", "u1"));
        Report shared = reports.create(report(orgA, "A shared", "u2"));
        reports.create(report(orgA, "private of u2", "u2"));
        Report otherOrg = reports.create(report(orgB, "other org", "u1"));

        assertEquals(List.of("A shared", "b mine"), names(reports.visibleTo(orgA, "u1", Set.of(shared.id(), otherOrg.id()))));
        assertEquals(List.of("b mine"), names(reports.visibleTo(orgA, "u1", Set.of())));
        assertEquals(List.of("other org"), names(reports.visibleTo(orgB, "u1", Set.of(mine.id(), shared.id()))));

        // More shared ids than one IN list holds
        List<String> many = IntStream.range(0, 1200).mapToObj(i -> UUID.randomUUID().toString()).collect(
                java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
        many.add(shared.id());
        assertEquals(List.of("A shared", "b mine"), names(reports.visibleTo(orgA, "u1", many)));
    }

    @Test
    void dashboardsAndFiltersRoundTripAndIsolate() {
        Dashboard d = dashboards.create(new Dashboard(UUID.randomUUID().toString(), orgA, "Sales", null, "[]",
                "[{\"id\":\"t1\",\"kind\":\"text\",\"text\":\"hi\"}]", 300, "u1", now, now));
        assertEquals(d, dashboards.find(orgA, d.id()).orElseThrow());
        assertTrue(dashboards.find(orgB, d.id()).isEmpty());
        Dashboard changed = dashboards.update(new Dashboard(d.id(), orgA, "Sales 2", "desc", "[{}]", "[]", 0, "u1", now,
                now.plusSeconds(1))).orElseThrow();
        assertEquals(0, changed.autoRefreshSeconds());
        assertEquals("[{}]", changed.filtersJson());

        SavedFilter f = filters.create(new SavedFilter(UUID.randomUUID().toString(), orgA, "Regions", "ds1",
                "SELECT DISTINCT region FROM sales", "[]", null, 86400, "u1", now, now));
        assertEquals(f, filters.find(orgA, f.id()).orElseThrow());
        assertTrue(filters.find(orgB, f.id()).isEmpty());
        SavedFilter refreshed = filters.update(new SavedFilter(f.id(), orgA, f.name(), f.dataSourceId(), f.sql(),
                "[\"EMEA\",\"APAC\"]", now, 3600, "u1", now, now)).orElseThrow();
        assertEquals("[\"EMEA\",\"APAC\"]", refreshed.valuesJson());
        assertEquals(now, refreshed.refreshedAt());
        assertTrue(filters.visibleTo(orgB, "u1", Set.of(f.id())).isEmpty());
        assertTrue(filters.delete(orgA, f.id()));
    }

    @Test
    void aStoredRowWithoutOrganizationIsImpossible() {
        assertThrows(NullPointerException.class, () -> reports.create(report(null, "x", "u1")));
    }

    private static List<String> names(List<? extends Content> content) {
        return content.stream().map(Content::name).toList();
    }
}
