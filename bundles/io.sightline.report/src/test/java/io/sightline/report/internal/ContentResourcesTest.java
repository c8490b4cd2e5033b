package io.sightline.report.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import io.sightline.api.account.Role;
import io.sightline.api.audit.AuditEvent;
import io.sightline.api.audit.AuditLog;
import io.sightline.api.auth.Caller;
import io.sightline.api.query.QueryJson.ParameterInput;
import io.sightline.api.query.QueryRequest;
import io.sightline.api.rest.ApiException;
import io.sightline.api.sharing.Share;
import io.sightline.report.internal.ContentJson.DashboardFilter;
import io.sightline.report.internal.ContentJson.DashboardJson;
import io.sightline.report.internal.ContentJson.ReportJson;
import io.sightline.report.internal.ContentJson.RunInput;
import io.sightline.report.internal.ContentJson.SavedFilterJson;
import io.sightline.report.internal.ContentJson.ShareInput;
import io.sightline.report.internal.ContentJson.Tile;
import io.sightline.report.internal.ContentJson.Visualization;
import io.sightline.report.internal.ContentJson.Where;

/** The content resources over in-memory fakes: access, validation, runs, sharing, export and import. */
class ContentResourcesTest {
    private final Caller ann = new Caller("ann", "o1", Role.MEMBER, "s1", "10.0.0.1");
    private final Caller admin = new Caller("adam", "o1", Role.OWNER, "s2");
    private final Caller vic = new Caller("vic", "o1", Role.VIEWER, "s3");
    private final Caller zed = new Caller("zed", "o2", Role.OWNER, "s4");

    private Fakes.Reports reportStore;
    private Fakes.Sharing sharing;
    private Fakes.Queries queries;
    private final List<AuditEvent> audit = new ArrayList<>();
    private ContentServices services;
    private ReportResource reports;
    private DashboardResource dashboards;
    private SavedFilterResource filters;
    private ShareResource shares;
    private ImportResource imports;

    @BeforeEach
    void setUp() {
        reportStore = new Fakes.Reports();
        sharing = new Fakes.Sharing();
        queries = new Fakes.Queries();
        services = new ContentServices(reportStore, new Fakes.Dashboards(), new Fakes.Filters(), sharing, queries,
                Fakes.dataSources(List.of(Fakes.dataSource("o1", "ds1", "Demo sales"), Fakes.dataSource("o2", "ds9", "demo SALES"))),
                Fakes.connections(), Fakes.accounts(Map.of("o1", Set.of("ann", "adam", "vic"), "o2", Set.of("zed"))));
        services.auditLog = Fakes.proxy(AuditLog.class, Map.of("record", a -> audit.add((AuditEvent) a[0]) ? null : null));
        reports = new ReportResource(services);
        dashboards = new DashboardResource(services);
        filters = new SavedFilterResource(services);
        shares = new ShareResource(services);
        imports = new ImportResource(services);
    }

    private static ReportJson sqlReport(String name) {
        return new ReportJson(null, name, null, "ds1", "SELECT region, sum(revenue) AS total FROM sales "
                + "WHERE region = {{region}} GROUP BY region",
                List.of(new ParameterInput("region", "TEXT", false, "EMEA", null)), null, null,
                new Visualization("bar", Map.of("stacked", true)), null, null, null, null);
    }

    private ReportJson create(Caller caller, ReportJson report) {
        return (ReportJson) reports.create(report, Fakes.request(caller)).getEntity();
    }

    private static ApiException fails(int status, String field, Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(status, e.status(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        return e;
    }

    @Test
    void reportsArePrivateUntilSharedAndRolesGrantNothing() {
        ReportJson r = create(ann, sqlReport("Revenue"));
        assertEquals("OWNER", r.access());
        assertEquals(List.of("Revenue"), reports.list(null, Fakes.request(ann)).stream().map(ReportJson::name).toList());
        fails(404, null, () -> reports.get(r.id(), Fakes.request(admin)));
        fails(404, null, () -> reports.get(r.id(), Fakes.request(zed)));
        assertTrue(reports.list(null, Fakes.request(admin)).isEmpty(), "an Owner role opens nothing");

        shares.create(new ShareInput("report", r.id(), "vic", "read"), Fakes.request(ann));
        assertEquals("READ", reports.get(r.id(), Fakes.request(vic)).access());
        assertEquals(1, reports.list("rev", Fakes.request(vic)).size());
        assertEquals(0, reports.list("nothing", Fakes.request(vic)).size());
        fails(403, null, () -> reports.update(r.id(), sqlReport("Mine now"), Fakes.request(vic)));
        fails(404, null, () -> reports.delete(r.id(), Fakes.request(admin)));

        shares.create(new ShareInput("report", r.id(), null, "EDIT"), Fakes.request(ann));
        assertEquals("Changed", reports.update(r.id(), sqlReport("Changed"), Fakes.request(admin)).name());
        assertEquals("ann", reportStore.find("o1", r.id()).orElseThrow().createdBy(), "editing keeps the owner");
        fails(403, null, () -> reports.delete(r.id(), Fakes.request(admin)));

        assertEquals(204, reports.delete(r.id(), Fakes.request(ann)).getStatus());
        assertEquals(List.of("report:" + r.id()), sharing.unsharedAll);
        assertEquals(List.of("report.create", "share.create", "share.create", "report.update", "report.delete"),
                audit.stream().map(AuditEvent::action).toList());
    }

    @Test
    void everyBadFieldIsA400NamingIt() {
        fails(400, "name", () -> create(ann, new ReportJson(null, " ", null, "ds1", "SELECT 1", null, null, null,
                new Visualization("table", null), null, null, null, null)));
        fails(400, "name", () -> create(ann, new ReportJson(null, "x".repeat(201), null, "ds1", "SELECT 1", null, null, null,
                new Visualization("table", null), null, null, null, null)));
        fails(400, "visualization.type", () -> create(ann, new ReportJson(null, "n", null, "ds1", "SELECT 1", null, null,
                null, new Visualization("donut", null), null, null, null, null)));
        fails(400, "visualization.settings", () -> create(ann, new ReportJson(null, "n", null, "ds1", "SELECT 1", null,
                null, null, new Visualization("table", Map.of("big", "x".repeat(70_000))), null, null, null, null)));
        fails(400, "dataSourceId", () -> create(ann, new ReportJson(null, "n", null, "ds9", "SELECT 1", null, null, null,
                new Visualization("table", null), null, null, null, null)));
        fails(400, "sql", () -> create(ann, new ReportJson(null, "n", null, "ds1", "", null, null, null,
                new Visualization("table", null), null, null, null, null)));
        fails(400, "parameters.since.type", () -> create(ann, new ReportJson(null, "n", null, "ds1", "SELECT 1",
                List.of(new ParameterInput("since", "time", null, null, null)), null, null,
                new Visualization("table", null), null, null, null, null)));
        fails(503, "modelId", () -> create(ann, new ReportJson(null, "n", null, null, null, null, "m1",
                new io.sightline.api.model.ModelQuery(null, List.of("revenue"), null, null, 0),
                new Visualization("table", null), null, null, null, null)));
        fails(400, "name", () -> filters.create(new SavedFilterJson(null, "", "ds1", "SELECT 1", null, null, null, null,
                null, null, null), Fakes.request(ann)));
        fails(400, "refreshIntervalSeconds", () -> filters.create(new SavedFilterJson(null, "f", "ds1", "SELECT 1", null,
                null, 5, null, null, null, null), Fakes.request(ann)));
        assertTrue(reportStore.items.isEmpty(), "nothing was stored");
    }

    private DashboardJson dashboard(String reportId, String textTile) {
        List<Tile> tiles = new ArrayList<>();
        tiles.add(new Tile("t1", "report", reportId, null, 0, 0, 6, 4, Map.of("region", "area")));
        if (textTile != null) {
            tiles.add(new Tile("t2", "text", null, textTile, 6, 0, 6, 2, null));
        }
        return new DashboardJson(null, "Sales", null, List.of(new DashboardFilter("area", "Area", "TEXT", "APAC", null, null)),
                tiles, 300, null, null, null, null, null);
    }

    @Test
    void dashboardsValidateTheGridAndMapFiltersToReportParameters() {
        ReportJson r = create(ann, sqlReport("Revenue"));
        DashboardJson good = dashboard(r.id(), "Notes");
        fails(400, "tiles[0].w", () -> dashboards.create(new DashboardJson(null, "d", null, good.filters(),
                List.of(new Tile("t1", "report", r.id(), null, 8, 0, 6, 4, Map.of())), 0, null, null, null, null, null),
                Fakes.request(ann)));
        fails(400, "tiles[0].x", () -> dashboards.create(new DashboardJson(null, "d", null, good.filters(),
                List.of(new Tile("t1", "text", null, "x", -1, 0, 6, 4, null)), 0, null, null, null, null, null),
                Fakes.request(ann)));
        fails(400, "autoRefreshSeconds", () -> dashboards.create(new DashboardJson(null, "d", null, null, null, 30, null,
                null, null, null, null), Fakes.request(ann)));
        fails(400, "filters[0].name", () -> dashboards.create(new DashboardJson(null, "d", null,
                List.of(new DashboardFilter("1bad", null, "TEXT", null, null, null)), null, 0, null, null, null, null, null),
                Fakes.request(ann)));
        fails(400, "tiles[0].parameterMap.region", () -> dashboards.create(new DashboardJson(null, "d", null, List.of(),
                List.of(new Tile("t1", "report", r.id(), null, 0, 0, 6, 4, Map.of("region", "nope"))), 0, null, null, null,
                null, null), Fakes.request(ann)));
        fails(400, "tiles[0].reportId", () -> dashboards.create(dashboard("no-such-report", null), Fakes.request(ann)));
        ReportJson others = create(admin, sqlReport("Private of adam"));
        fails(400, "tiles[0].reportId", () -> dashboards.create(dashboard(others.id(), null), Fakes.request(ann)));

        DashboardJson d = (DashboardJson) dashboards.create(good, Fakes.request(ann)).getEntity();
        dashboards.runTile(d.id(), "t1", new RunInput(Map.of("area", "EMEA"), false, null, null), Fakes.request(ann));
        dashboards.runTile(d.id(), "t1", new RunInput(null, true, null, null), Fakes.request(ann));
        QueryRequest withValue = queries.requests.get(0);
        QueryRequest withDefault = queries.requests.get(1);
        assertEquals(Map.of("region", "EMEA"), withValue.values());
        assertEquals(Map.of("region", "APAC"), withDefault.values(), "the filter's default when no value is given");
        assertTrue(withValue.useCache());
        assertFalse(withDefault.useCache(), "refresh bypasses the cache");
        fails(400, "values.zone", () -> dashboards.runTile(d.id(), "t1", new RunInput(Map.of("zone", "x"), false, null,
                null), Fakes.request(ann)));
        dashboards.runTile(d.id(), "t1", new RunInput(null, false, null, null, "Asia/Tokyo"), Fakes.request(ann));
        assertEquals(java.time.ZoneId.of("Asia/Tokyo"), queries.requests.get(2).timeZone(), "the user's zone reaches the query");
        assertEquals(null, queries.requests.get(1).timeZone(), "none sent: UTC");
        fails(400, "timeZone", () -> dashboards.runTile(d.id(), "t1", new RunInput(null, false, null, null, "Mars/Olympus"),
                Fakes.request(ann)));
        fails(404, null, () -> dashboards.runTile(d.id(), "t2", null, Fakes.request(ann)));
    }

    @Test
    void tileRunsWrapCrossFiltersWithQuotedColumnsAndBoundValues() {
        ReportJson r = create(ann, sqlReport("Revenue"));
        DashboardJson d = (DashboardJson) dashboards.create(dashboard(r.id(), null), Fakes.request(ann)).getEntity();
        dashboards.runTile(d.id(), "t1", new RunInput(Map.of(), false, null, List.of(new Where("REGION", "O'Brien; DROP", null),
                new Where("total", 12.5, null))), Fakes.request(ann));
        QueryRequest q = queries.requests.get(0);
        assertTrue(q.sql().startsWith("SELECT * FROM (\nSELECT region"), q.sql());
        assertTrue(q.sql().endsWith("\n) sl_q WHERE [REGION] = {{sl_where_0}} AND [total] = {{sl_where_1}}"), q.sql());
        assertFalse(q.sql().contains("O'Brien"), "values are bound, never spliced");
        assertEquals("O'Brien; DROP", q.values().get("sl_where_0"));
        assertEquals(12.5, q.values().get("sl_where_1"));
        assertEquals("NUMBER", q.parameters().get(2).type().name());
        fails(400, "where[0].column", () -> dashboards.runTile(d.id(), "t1", new RunInput(null, false, null,
                List.of(new Where("region\" OR 1=1 --", "x", null))), Fakes.request(ann)));
    }

    @Test
    void aDashboardHidesTilesOfReportsTheReaderMayNotReadAndKeepsThemOnSave() {
        ReportJson shared = create(ann, sqlReport("Shared"));
        ReportJson secret = create(ann, sqlReport("Secret"));
        DashboardJson body = new DashboardJson(null, "Board", null, List.of(new DashboardFilter("area", null, "TEXT", null,
                null, null)), List.of(new Tile("a", "report", shared.id(), null, 0, 0, 6, 4, Map.of("region", "area")),
                        new Tile("b", "report", secret.id(), null, 6, 0, 6, 4, Map.of())), 0, null, null, null, null, null);
        DashboardJson d = (DashboardJson) dashboards.create(body, Fakes.request(ann)).getEntity();
        shares.create(new ShareInput("dashboard", d.id(), "vic", "EDIT"), Fakes.request(ann));
        shares.create(new ShareInput("report", shared.id(), "vic", "READ"), Fakes.request(ann));

        DashboardJson seen = dashboards.get(d.id(), Fakes.request(vic));
        assertEquals(List.of("a"), seen.tiles().stream().map(Tile::id).toList());
        assertEquals(1, seen.hiddenTiles());
        assertEquals("EDIT", seen.access());
        fails(404, null, () -> dashboards.runTile(d.id(), "b", null, Fakes.request(vic)));

        // vic saves a new layout: the hidden tile stays
        dashboards.update(d.id(), new DashboardJson(null, "Board 2", null, seen.filters(), List.of(new Tile("a", "report",
                shared.id(), null, 0, 5, 12, 4, Map.of())), 0, null, null, null, null, null), Fakes.request(vic));
        DashboardJson owner = dashboards.get(d.id(), Fakes.request(ann));
        assertEquals(List.of("a", "b"), owner.tiles().stream().map(Tile::id).toList());
        assertEquals(0, owner.hiddenTiles());
        assertEquals(12, owner.tiles().get(0).w());
    }

    @Test
    void onlyTheOwnerSharesAndOnlyWithMembers() {
        ReportJson r = create(ann, sqlReport("Revenue"));
        fails(400, "userId", () -> shares.create(new ShareInput("report", r.id(), "zed", "READ"), Fakes.request(ann)));
        fails(400, "access", () -> shares.create(new ShareInput("report", r.id(), "vic", "OWNER"), Fakes.request(ann)));
        fails(404, null, () -> shares.create(new ShareInput("report", r.id(), "vic", "READ"), Fakes.request(admin)));
        fails(404, null, () -> shares.create(new ShareInput("report", r.id(), "vic", "READ"), Fakes.request(zed)));
        fails(400, "objectType", () -> shares.create(new ShareInput("model", "m1", null, "READ"), Fakes.request(ann)));
        Share s = (Share) shares.create(new ShareInput("report", r.id(), "vic", "READ"), Fakes.request(ann)).getEntity();
        fails(403, null, () -> shares.list("report", r.id(), Fakes.request(vic)));
        assertEquals(1, shares.list("report", r.id(), Fakes.request(ann)).size());
        fails(404, null, () -> shares.delete(s.id(), Fakes.request(zed)));
        fails(403, null, () -> shares.delete(s.id(), Fakes.request(vic)));
        shares.delete(s.id(), Fakes.request(ann));
        fails(404, null, () -> reports.get(r.id(), Fakes.request(vic)));
    }

    @Test
    void savedFiltersKeepTheFirstColumnsDistinctValues() {
        SavedFilterJson f = (SavedFilterJson) filters.create(new SavedFilterJson(null, "Regions", "ds1",
                "SELECT DISTINCT region FROM sales", null, null, null, null, null, null, null), Fakes.request(ann)).getEntity();
        assertEquals(List.of(), f.values());
        assertEquals(86_400, f.refreshIntervalSeconds());
        SavedFilterJson refreshed = filters.refresh(f.id(), Fakes.request(ann));
        assertEquals(List.of("EMEA", "APAC"), refreshed.values());
        assertTrue(refreshed.refreshedAt() != null);
        fails(404, null, () -> filters.refresh(f.id(), Fakes.request(vic)));
    }

    @Test
    void exportThenImportIntoAnotherOrganizationWithDryRunAndConflicts() {
        ReportJson r = create(ann, sqlReport("Revenue"));
        DashboardJson d = (DashboardJson) dashboards.create(dashboard(r.id(), "Read me"), Fakes.request(ann)).getEntity();
        Porter.Document doc = dashboards.export(d.id(), Fakes.request(ann));
        assertEquals("Demo sales", doc.reports().get(0).dataSource());
        assertEquals("r1", doc.dashboards().get(0).tiles().get(0).reportKey());
        assertNull(doc.reports().get(0).modelKey());
        @SuppressWarnings("unchecked")
        Map<String, Object> json = Json.MAPPER.convertValue(doc, Map.class);

        Porter.Result dry = imports.importDocument(json, true, Fakes.request(zed));
        assertTrue(dry.conflicts().isEmpty(), dry.conflicts().toString());
        assertEquals(List.of("report:r1", "dashboard:d1"), dry.created().stream().map(i -> i.type() + ":" + i.key()).toList());
        assertTrue(services.reports.visibleTo("o2", "zed", Set.of()).isEmpty(), "a dry run creates nothing");

        Porter.Result done = imports.importDocument(json, false, Fakes.request(zed));
        assertEquals(2, done.created().size());
        String newReport = done.created().get(0).id();
        DashboardJson imported = dashboards.get(done.created().get(1).id(), Fakes.request(zed));
        assertEquals(newReport, imported.tiles().get(0).reportId());
        assertEquals("ds9", reports.get(newReport, Fakes.request(zed)).dataSourceId(), "the data source found by name");
        assertEquals("OWNER", imported.access());
        assertEquals("content.import", audit.get(audit.size() - 1).action());

        Porter.Result again = imports.importDocument(json, false, Fakes.request(zed));
        assertEquals(List.of("report", "dashboard"), again.conflicts().stream().map(Porter.Conflict::type).toList());
        assertTrue(again.conflicts().get(0).reason().contains("exists"), again.conflicts().get(0).reason());
        assertTrue(again.created().isEmpty());
        assertEquals(1, services.reports.visibleTo("o2", "zed", Set.of()).size(), "all or nothing");

        Map<String, Object> otherSource = new java.util.HashMap<>(json);
        Map<String, Object> report = new java.util.HashMap<>(((List<Map<String, Object>>) json.get("reports")).get(0));
        report.put("dataSource", "Warehouse");
        report.put("name", "Other");
        otherSource.put("reports", List.of(report));
        otherSource.put("dashboards", List.of());
        Porter.Result missing = imports.importDocument(otherSource, true, Fakes.request(zed));
        assertTrue(missing.conflicts().get(0).reason().contains("Warehouse"), missing.conflicts().toString());

        Map<String, Object> future = new java.util.HashMap<>(json);
        future.put("version", 2);
        assertEquals("document", imports.importDocument(future, true, Fakes.request(zed)).conflicts().get(0).type());
    }
}
