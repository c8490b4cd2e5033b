package io.sightline.report.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sightline.api.account.Role;
import io.sightline.api.auth.Caller;
import io.sightline.api.query.QueryException;
import io.sightline.api.query.QueryJson.ParameterInput;
import io.sightline.api.query.QueryRequest;
import io.sightline.api.report.ContentTypes;
import io.sightline.api.schedule.JobKind;
import io.sightline.api.schedule.JobResult;
import io.sightline.api.schedule.RunOutcome;
import io.sightline.api.schedule.Schedule;
import io.sightline.api.sharing.Access;
import io.sightline.report.internal.ContentJson.DashboardFilter;
import io.sightline.report.internal.ContentJson.DashboardJson;
import io.sightline.report.internal.ContentJson.ReportJson;
import io.sightline.report.internal.ContentJson.RunInput;
import io.sightline.report.internal.ContentJson.SavedFilterJson;
import io.sightline.report.internal.ContentJson.Tile;
import io.sightline.report.internal.ContentJson.Visualization;

/** The scheduled jobs of content (filter refresh, dashboard pre-warming) over the same fakes as the resources. */
class ContentJobsTest {
    private static final String ORG = "o1";
    private final Caller ann = new Caller("ann", ORG, Role.MEMBER, "s1");
    private final Caller adam = new Caller("adam", ORG, Role.MEMBER, "s2");
    private final Set<String> members = new HashSet<>(Set.of("ann", "adam"));

    private Fakes.Sharing sharing;
    private Fakes.Queries queries;
    private ContentServices services;
    private FilterRefreshJob filterJob;
    private DashboardRefreshJob dashboardJob;

    @BeforeEach
    void setUp() {
        sharing = new Fakes.Sharing();
        queries = new Fakes.Queries();
        services = new ContentServices(new Fakes.Reports(), new Fakes.Dashboards(), new Fakes.Filters(), sharing, queries,
                Fakes.dataSources(List.of(Fakes.dataSource(ORG, "ds1", "Demo sales"))), Fakes.connections(),
                Fakes.accounts(Map.of(ORG, members), Map.of("ann", Optional.of("Asia/Tokyo"), "adam", Optional.empty())));
        filterJob = new FilterRefreshJob(services);
        dashboardJob = new DashboardRefreshJob(services);
    }

    // ---- saved filters ----

    @Test
    void aFilterRefreshKeepsTheDistinctValuesReadAsItsCreator() throws Exception {
        String id = filter(ann);
        JobResult result = filterJob.run(schedule(JobKind.FILTER_REFRESH, id));
        assertEquals(JobResult.ok("2 values"), result);
        assertEquals(List.of("EMEA", "APAC"), SavedFilterResource.values(services.filters.find(ORG, id).orElseThrow()));
        assertEquals(new Caller("ann", ORG, Role.MEMBER, "scheduler"), queries.callers.get(0));
        assertEquals("ds1", queries.requests.get(0).dataSourceId());
        assertEquals(Optional.of("Regions"), filterJob.targetName(ORG, id));
        assertEquals(Optional.of("ds1"), filterJob.dataSourceOf(ORG, id));
        assertEquals(JobKind.FILTER_REFRESH, filterJob.kind());
    }

    @Test
    void aDeletedFilterIsSkipped() throws Exception {
        String id = filter(ann);
        services.filters.delete(ORG, id);
        assertEquals(new JobResult(RunOutcome.SKIPPED, "The saved filter was deleted."),
                filterJob.run(schedule(JobKind.FILTER_REFRESH, id)));
        assertEquals(Optional.empty(), filterJob.targetName(ORG, id));
        assertEquals(Optional.empty(), filterJob.dataSourceOf(ORG, id));
        assertTrue(queries.requests.isEmpty());
    }

    @Test
    void aFilterWhoseCreatorLeftFailsClearlyWithoutRunning() {
        String id = filter(ann);
        members.remove("ann");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> filterJob.run(schedule(JobKind.FILTER_REFRESH, id)));
        assertTrue(e.getMessage().startsWith("The creator of this filter is no longer a member"), e.getMessage());
        assertTrue(queries.requests.isEmpty());
    }

    // ---- dashboards ----

    @Test
    void preWarmingRunsTheReadableReportTilesAsTheDashboardDoesInTheCreatorsZone() throws Exception {
        String id = dashboard();
        JobResult result = dashboardJob.run(schedule(JobKind.DASHBOARD_REFRESH, id));
        assertEquals(JobResult.ok("1 tile warmed, 0 failed"), result, "the text tile and the unreadable report are skipped");
        QueryRequest warmed = queries.requests.get(0);
        assertEquals(Map.of("region", "APAC"), warmed.values(), "the dashboard filter's default");
        assertTrue(warmed.useCache());
        assertEquals(ZoneId.of("Asia/Tokyo"), warmed.timeZone());
        assertEquals(new Caller("ann", ORG, Role.MEMBER, "scheduler"), queries.callers.get(0));

        // What ann's browser asks for when she opens the dashboard: the same request, so the same cache entry.
        new DashboardResource(services).runTile(id, "t1", new RunInput(null, null, null, null, "Asia/Tokyo"),
                Fakes.request(ann));
        assertEquals(warmed, queries.requests.get(1));
        assertEquals(Optional.of("Sales"), dashboardJob.targetName(ORG, id));
        assertEquals(Optional.empty(), dashboardJob.dataSourceOf(ORG, id), "a dashboard has several data sources");
    }

    @Test
    void preWarmingFailsWithTheFirstErrorWhenEveryTileFails() {
        String id = dashboard();
        queries.failure = new QueryException(QueryException.Reason.TIMEOUT, "The query ran longer than 120 s.");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> dashboardJob.run(schedule(JobKind.DASHBOARD_REFRESH, id)));
        assertEquals("The query ran longer than 120 s.", e.getMessage());
    }

    @Test
    void aCreatorWithoutATimeZoneWarmsInUtc() throws Exception {
        String report = report(adam, "Mine");
        String id = ((DashboardJson) new DashboardResource(services).create(new DashboardJson(null, "Adam's", null,
                List.of(), List.of(new Tile("t1", "report", report, null, 0, 0, 6, 4, Map.of())), 300, null, null, null, null,
                null), Fakes.request(adam)).getEntity()).id();
        assertEquals(JobResult.ok("1 tile warmed, 0 failed"), dashboardJob.run(schedule(JobKind.DASHBOARD_REFRESH, id)));
        assertEquals(ZoneOffset.UTC, queries.requests.get(0).timeZone());
    }

    @Test
    void aDeletedDashboardIsSkippedAndOneWhoseCreatorLeftFails() throws Exception {
        String id = dashboard();
        members.remove("ann");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> dashboardJob.run(schedule(JobKind.DASHBOARD_REFRESH, id)));
        assertTrue(e.getMessage().startsWith("The creator of this dashboard is no longer a member"), e.getMessage());
        assertTrue(queries.requests.isEmpty());

        services.dashboards.delete(ORG, id);
        assertEquals(new JobResult(RunOutcome.SKIPPED, "The dashboard was deleted."),
                dashboardJob.run(schedule(JobKind.DASHBOARD_REFRESH, id)));
        assertEquals(Optional.empty(), dashboardJob.targetName(ORG, id));
    }

    // ---- content ----

    private String filter(Caller caller) {
        return ((SavedFilterJson) new SavedFilterResource(services).create(new SavedFilterJson(null, "Regions", "ds1",
                "SELECT region FROM sales", null, null, 3600, null, null, null, null), Fakes.request(caller)).getEntity()).id();
    }

    private String report(Caller caller, String name) {
        return ((ReportJson) new ReportResource(services).create(new ReportJson(null, name, null, "ds1",
                "SELECT region, sum(revenue) AS total FROM sales WHERE region = {{region}} GROUP BY region",
                List.of(new ParameterInput("region", "TEXT", false, "EMEA", null)), null, null,
                new Visualization("bar", Map.of()), null, null, null, null), Fakes.request(caller)).getEntity()).id();
    }

    /**
     * Ann's dashboard: a tile of her report mapped to the filter "area" (default APAC), a text tile,
     * and a tile of Adam's report, shared with her when she added it and no longer.
     */
    private String dashboard() {
        String mine = report(ann, "Revenue");
        String adams = report(adam, "Adam's revenue");
        sharing.share(ORG, ContentTypes.REPORT, adams, "ann", Access.READ, "adam");
        String id = ((DashboardJson) new DashboardResource(services).create(new DashboardJson(null, "Sales", null,
                List.of(new DashboardFilter("area", "Area", "TEXT", "APAC", null, null)),
                List.of(new Tile("t1", "report", mine, null, 0, 0, 6, 4, Map.of("region", "area")),
                        new Tile("t2", "text", null, "Notes", 6, 0, 6, 2, null),
                        new Tile("t3", "report", adams, null, 0, 4, 6, 4, Map.of())),
                300, null, null, null, null, null), Fakes.request(ann)).getEntity()).id();
        sharing.unshareAll(ORG, ContentTypes.REPORT, adams);
        return id;
    }

    private static Schedule schedule(JobKind kind, String target) {
        Instant now = Instant.now();
        return new Schedule("s-" + target, ORG, kind, target, null, 300, "UTC", true, now, null, null, "ann", now, now);
    }
}
