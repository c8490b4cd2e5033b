package io.sightline.itest;

import static io.sightline.itest.ApiClient.PASSWORD;
import static io.sightline.itest.ApiClient.error;
import static io.sightline.itest.ApiClient.newEmail;
import static io.sightline.itest.ApiClient.ok;
import static io.sightline.itest.ApiClient.org;
import static io.sightline.itest.ApiClient.token;
import static io.sightline.itest.Chromium.WAIT;
import static io.sightline.itest.Chromium.click;
import static io.sightline.itest.Chromium.screenshot;
import static io.sightline.itest.Chromium.signIn;
import static io.sightline.itest.Chromium.testId;
import static io.sightline.itest.Chromium.type;
import static io.sightline.itest.Chromium.visible;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reports, dashboards, sharing and export/import over HTTPS against the real distribution and
 * PostgreSQL (SPEC ): a SQL report with a parameter, a dashboard whose filter
 * feeds it, cross-filtering, a Viewer who reads but cannot change, hidden tiles, and an export
 * imported into another organization after a dry run.
 */
public class ReportsIT {
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String SCHEMA = "sl_r_" + SUFFIX;
    private static final String DS_NAME = "Sales " + SUFFIX;

    private static ApiClient api;
    private static final Chromium browsers = new Chromium();
    private static JsonNode owner;
    private static JsonNode viewer;
    private static String viewerId;
    private static JsonNode other;
    private static String ds;

    @BeforeClass
    public static void start() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + SCHEMA);
            s.execute("CREATE TABLE " + SCHEMA + ".sales AS SELECT n AS id, CASE WHEN n % 3 = 0 THEN 'EMEA' WHEN n % 3 = 1 "
                    + "THEN 'APAC' ELSE 'AMER' END AS region, CASE WHEN n % 2 = 0 THEN 'web' ELSE 'shop' END AS channel, "
                    + "n AS revenue FROM generate_series(1, 300) n");
        } catch (java.sql.SQLException e) {
            throw new AssertionError("PostgreSQL must run on 127.0.0.1:5432 (./sightline.sh test starts it): " + e.getMessage(), e);
        }
        api = ApiClient.start("reports-it");
        owner = api.owner("rita");
        ds = ok(api.call("POST", "/datasources", dataSource(), token(owner)), 201).get("id").asText();

        String viewerEmail = newEmail("vera");
        ok(api.call("POST", "/orgs/" + org(owner) + "/members", Map.of("email", viewerEmail, "role", "VIEWER"), token(owner)), 202);
        ok(api.call("POST", "/auth/invitation", Map.of("token", api.linkToken(viewerEmail, "invitation"), "displayName", "Vera",
                "password", PASSWORD), null), 200);
        viewer = api.login(viewerEmail, PASSWORD);
        viewerId = viewer.get("user").get("id").asText();

        other = api.owner("otto");
        ok(api.call("POST", "/datasources", dataSource(), token(other)), 201);
    }

    @AfterClass
    public static void stop() throws Exception {
        browsers.close();
        if (api != null) {
            api.stop();
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    private static Map<String, Object> dataSource() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", DS_NAME);
        body.put("driver", "postgresql");
        body.put("host", "127.0.0.1");
        body.put("port", 5432);
        body.put("database", "test");
        body.put("user", "postgres");
        body.put("password", "");
        body.put("readOnlyEnforced", true);
        return body;
    }

    private static HttpResponse<String> as(JsonNode session, String method, String path, Object body) throws Exception {
        return api.call(method, path, body, token(session));
    }

    private static Map<String, Object> report(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("dataSourceId", ds);
        body.put("sql", "SELECT region, channel, sum(revenue) AS total FROM " + SCHEMA + ".sales WHERE region = {{region}} "
                + "GROUP BY region, channel ORDER BY channel");
        body.put("parameters", List.of(Map.of("name", "region", "type", "TEXT", "required", true, "defaultValue", "EMEA")));
        body.put("visualization", Map.of("type", "bar", "settings", Map.of("x", "channel", "y", "total")));
        return body;
    }

    private static Map<String, Object> tile(String id, String reportId, int x, Map<String, String> parameterMap) {
        Map<String, Object> tile = new HashMap<>();
        tile.put("id", id);
        tile.put("kind", "report");
        tile.put("reportId", reportId);
        tile.put("x", x);
        tile.put("y", 0);
        tile.put("w", 6);
        tile.put("h", 4);
        tile.put("parameterMap", parameterMap);
        return tile;
    }

    @Test
    public void dashboardsFilterShareAndMoveBetweenOrganizations() throws Exception {
        JsonNode report = ok(as(owner, "POST", "/reports", report("Revenue by channel")), 201);
        String reportId = report.get("id").asText();
        assertEquals("OWNER", report.get("access").asText());
        error(as(owner, "POST", "/reports", Map.of("name", "x", "dataSourceId", ds, "sql", "SELECT 1",
                "visualization", Map.of("type", "donut"))), 400, "visualization.type");
        JsonNode secret = ok(as(owner, "POST", "/reports", report("Secret")), 201);

        Map<String, Object> dashboard = new HashMap<>();
        dashboard.put("name", "Sales " + SUFFIX);
        dashboard.put("filters", List.of(Map.of("name", "area", "label", "Area", "type", "TEXT", "defaultValue", "EMEA")));
        dashboard.put("tiles", List.of(tile("t1", reportId, 0, Map.of("region", "area")),
                tile("t2", secret.get("id").asText(), 6, Map.of())));
        dashboard.put("autoRefreshSeconds", 300);
        error(as(owner, "POST", "/dashboards", Map.of("name", "bad", "tiles", List.of(tile("t1", reportId, 8, Map.of())))),
                400, "tiles[0].w");
        String dashboardId = ok(as(owner, "POST", "/dashboards", dashboard), 201).get("id").asText();

        // Two filter values, two different results; then a cross-filter on a result column.
        JsonNode emea = ok(as(owner, "POST", "/dashboards/" + dashboardId + "/tiles/t1/run",
                Map.of("values", Map.of("area", "EMEA"))), 200);
        JsonNode apac = ok(as(owner, "POST", "/dashboards/" + dashboardId + "/tiles/t1/run",
                Map.of("values", Map.of("area", "APAC"), "refresh", true)), 200);
        assertEquals("EMEA", emea.get("rows").get(0).get(0).asText());
        assertEquals("APAC", apac.get("rows").get(0).get(0).asText());
        assertNotEquals(emea.get("rows").get(0).get(2), apac.get("rows").get(0).get(2));
        JsonNode web = ok(as(owner, "POST", "/dashboards/" + dashboardId + "/tiles/t1/run",
                Map.of("values", Map.of("area", "EMEA"), "where", List.of(Map.of("column", "channel", "value", "web")))), 200);
        assertEquals(1, web.get("rowCount").asInt());
        assertEquals("web", web.get("rows").get(0).get(1).asText());
        assertTrue(web.get("sql").get("sql").asText().contains("\"channel\" = ?"));
        error(as(owner, "POST", "/dashboards/" + dashboardId + "/tiles/t1/run",
                Map.of("where", List.of(Map.of("column", "channel\" OR 1=1 --", "value", "web")))), 400, "where[0].column");

        // A Viewer sees nothing until it is shared, then reads but cannot change; the unshared report's tile is hidden.
        error(as(viewer, "GET", "/dashboards/" + dashboardId, null), 404, null);
        error(as(owner, "POST", "/shares", Map.of("objectType", "dashboard", "objectId", dashboardId, "userId", "nobody",
                "access", "READ")), 400, "userId");
        ok(as(owner, "POST", "/shares", Map.of("objectType", "dashboard", "objectId", dashboardId, "userId", viewerId,
                "access", "READ")), 201);
        ok(as(owner, "POST", "/shares", Map.of("objectType", "report", "objectId", reportId, "userId", viewerId,
                "access", "READ")), 201);
        JsonNode seen = ok(as(viewer, "GET", "/dashboards/" + dashboardId, null), 200);
        assertEquals("READ", seen.get("access").asText());
        assertEquals(1, seen.get("tiles").size());
        assertEquals(1, seen.get("hiddenTiles").asInt());
        ok(as(viewer, "POST", "/dashboards/" + dashboardId + "/tiles/t1/run", Map.of("values", Map.of("area", "AMER"))), 200);
        error(as(viewer, "POST", "/dashboards/" + dashboardId + "/tiles/t2/run", Map.of()), 404, null);
        int status = as(viewer, "PUT", "/reports/" + reportId, report("Mine now")).statusCode();
        assertTrue("a Viewer may not change a report: " + status, status == 403 || status == 404);
        error(as(other, "GET", "/reports/" + reportId, null), 404, null);

        // Export, then import into another organization: a dry run first, then for real, then the conflict.
        JsonNode doc = ok(as(owner, "GET", "/dashboards/" + dashboardId + "/export", null), 200);
        assertEquals("sightline-content", doc.get("format").asText());
        assertEquals(2, doc.get("reports").size());
        assertEquals(DS_NAME, doc.get("reports").get(0).get("dataSource").asText());
        JsonNode dry = ok(as(other, "POST", "/imports?dryRun=true", doc), 200);
        assertEquals(0, dry.get("conflicts").size());
        assertEquals(3, dry.get("created").size());
        assertEquals(0, ok(as(other, "GET", "/dashboards", null), 200).size());
        JsonNode done = ok(as(other, "POST", "/imports?dryRun=false", doc), 200);
        assertEquals(3, done.get("created").size());
        JsonNode imported = ok(as(other, "GET", "/dashboards", null), 200).get(0);
        assertEquals("OWNER", imported.get("access").asText());
        JsonNode run = ok(as(other, "POST", "/dashboards/" + imported.get("id").asText() + "/tiles/t1/run",
                Map.of("values", Map.of("area", "APAC"))), 200);
        assertEquals(apac.get("rows"), run.get("rows"));
        JsonNode again = ok(as(other, "POST", "/imports", doc), 200);
        assertEquals(3, again.get("conflicts").size());
        assertEquals(1, ok(as(other, "GET", "/dashboards", null), 200).size());

        // Deleting is the owner's; the shares go with it.
        error(as(viewer, "DELETE", "/dashboards/" + dashboardId, null), 403, null);
        ok(as(owner, "DELETE", "/dashboards/" + dashboardId, null), 204);
        error(as(viewer, "GET", "/dashboards/" + dashboardId, null), 404, null);
        assertFalse(ok(as(viewer, "GET", "/reports", null), 200).isEmpty());
    }

    /** Six chart types over the demo data source, filtered by region (R-1, R-2, P-9). */
    private static final List<List<String>> DEMO_REPORTS = List.of(
            List.of("Revenue by region", "bar", "SELECT region, sum(revenue) AS revenue FROM sales WHERE 1 = 1 "
                    + "[[ AND region = {{region}} ]] GROUP BY region ORDER BY region"),
            List.of("Orders per month", "line", "SELECT FORMATDATETIME(ordered_on, 'yyyy-MM') AS order_month, count(DISTINCT order_id) "
                    + "AS orders FROM sales WHERE 1 = 1 [[ AND region = {{region}} ]] GROUP BY FORMATDATETIME(ordered_on, 'yyyy-MM') ORDER BY order_month"),
            List.of("Revenue by category", "pie", "SELECT category, sum(revenue) AS revenue FROM sales WHERE 1 = 1 "
                    + "[[ AND region = {{region}} ]] GROUP BY category ORDER BY category"),
            List.of("Total revenue", "number", "SELECT sum(revenue) AS revenue FROM sales WHERE 1 = 1 [[ AND region = {{region}} ]]"),
            List.of("Top products", "table", "SELECT product, sum(quantity) AS units, sum(revenue) AS revenue FROM sales "
                    + "WHERE 1 = 1 [[ AND region = {{region}} ]] GROUP BY product ORDER BY revenue DESC LIMIT 10"),
            List.of("Revenue per month", "area", "SELECT FORMATDATETIME(ordered_on, 'yyyy-MM') AS order_month, sum(revenue) AS revenue "
                    + "FROM sales WHERE 1 = 1 [[ AND region = {{region}} ]] GROUP BY FORMATDATETIME(ordered_on, 'yyyy-MM') ORDER BY order_month"));

    @Test
    public void aDashboardOfSixChartTypesOnTheDemoDataRendersFiltersAndIsSharedReadOnly() throws Exception {
        String demo = demoDataSource();
        List<Map<String, Object>> tiles = new java.util.ArrayList<>();
        List<String> reportIds = new java.util.ArrayList<>();
        for (int i = 0; i < DEMO_REPORTS.size(); i++) {
            List<String> r = DEMO_REPORTS.get(i);
            Map<String, Object> body = new HashMap<>();
            body.put("name", r.get(0));
            body.put("dataSourceId", demo);
            body.put("sql", r.get(2));
            body.put("parameters", List.of(Map.of("name", "region", "type", "TEXT", "required", false)));
            body.put("visualization", Map.of("type", r.get(1), "settings", Map.of()));
            String id = ok(as(owner, "POST", "/reports", body), 201).get("id").asText();
            reportIds.add(id);
            Map<String, Object> tile = tile("d" + i, id, (i % 3) * 4, Map.of("region", "region"));
            tile.put("y", (i / 3) * 4);
            tile.put("w", 4);
            tiles.add(tile);
        }
        String dashboardId = ok(as(owner, "POST", "/dashboards", Map.of("name", "Demo sales " + SUFFIX,
                "filters", List.of(Map.of("name", "region", "label", "Region", "type", "TEXT")), "tiles", tiles,
                "autoRefreshSeconds", 0)), 201).get("id").asText();

        ChromeDriver browser = browsers.open();
        signIn(browser, api.server.httpsBase(), owner.get("user").get("email").asText(), PASSWORD);
        browser.get(api.server.httpsBase() + "/dashboards/" + dashboardId);
        awaitTilesRendered(browser, 6);
        // Charts are drawn by ECharts (SVG), the number and the table by the page itself.
        assertEquals(4, browser.findElements(By.cssSelector("[data-testid=tile] [data-testid=echart] svg")).size());
        String total = visible(browser, "big-number-value").getText();
        screenshot(browser, "reports-demo-dashboard.png");

        WebElement region = visible(browser, "dash-filter-region");
        region.sendKeys("EU", Keys.ENTER);
        new WebDriverWait(browser, WAIT).until(d -> !d.findElement(testId("big-number-value")).getText().equals(total));
        awaitTilesRendered(browser, 6);
        String filtered = browser.findElements(testId("tile")).get(4).getText();
        assertTrue(filtered, !filtered.isBlank());
        screenshot(browser, "reports-demo-dashboard-filtered.png");

        // A report written in the editor: SQL, a chart type, a preview, saved.
        browser.get(api.server.httpsBase() + "/reports/new");
        visible(browser, "report-name"); // the page's code loads on first use
        type(browser, "report-name", "Orders by channel " + SUFFIX);
        new Select(visible(browser, "report-datasource")).selectByValue(demo);
        WebElement editor = visible(browser, "report-sql").findElement(By.cssSelector(".cm-content"));
        editor.click();
        editor.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        editor.sendKeys("SELECT channel, count(DISTINCT order_id) AS orders FROM sales GROUP BY channel ORDER BY channel");
        new Select(visible(browser, "report-viz")).selectByValue("bar");
        click(browser, "report-run");
        new WebDriverWait(browser, WAIT).until(d -> d.findElement(testId("report-status")).getText().contains("rows"));
        visible(browser, "echart");
        screenshot(browser, "reports-editor-bar.png");
        click(browser, "report-save");
        new WebDriverWait(browser, WAIT).until(d -> d.getCurrentUrl().matches(".*/reports/[0-9a-f-]{36}$"));
        JsonNode saved = ok(as(owner, "GET", "/reports/" + browser.getCurrentUrl().replaceAll(".*/reports/", ""), null), 200);
        assertEquals("bar", saved.get("visualization").get("type").asText());
        assertTrue(saved.get("sql").asText().contains("channel"));

        // Shared with the Viewer for reading: the same tiles, no edit controls.
        ok(as(owner, "POST", "/shares", Map.of("objectType", "dashboard", "objectId", dashboardId, "userId", viewerId,
                "access", "READ")), 201);
        for (String id : reportIds) {
            ok(as(owner, "POST", "/shares", Map.of("objectType", "report", "objectId", id, "userId", viewerId,
                    "access", "READ")), 201);
        }
        ChromeDriver viewerBrowser = browsers.open();
        signIn(viewerBrowser, api.server.httpsBase(), viewer.get("user").get("email").asText(), PASSWORD);
        viewerBrowser.get(api.server.httpsBase() + "/dashboards/" + dashboardId);
        awaitTilesRendered(viewerBrowser, 6);
        assertTrue(viewerBrowser.findElements(testId("dashboard-edit")).isEmpty());
        assertTrue(viewerBrowser.findElements(testId("dashboard-share")).isEmpty());
        screenshot(viewerBrowser, "reports-demo-dashboard-viewer.png");
    }

    private static String demoDataSource() throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            for (JsonNode d : ok(as(owner, "GET", "/datasources", null), 200)) {
                if (d.get("operatorDefined").asBoolean()) {
                    return d.get("id").asText();
                }
            }
            Thread.sleep(250); // the demo database is written in the background at first start
        }
        throw new AssertionError("no demo data source within 120 s");
    }

    /** Every tile has finished (its status says cached or fresh) and none shows an error. */
    private static void awaitTilesRendered(ChromeDriver browser, int count) throws Exception {
        try {
            new WebDriverWait(browser, WAIT.multipliedBy(3)).until(d -> {
                List<WebElement> statuses = d.findElements(testId("tile-status"));
                return statuses.size() == count && statuses.stream().allMatch(s -> s.getText().matches("(?s).*(cached|fresh).*"));
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot(browser, "reports-tiles-not-rendered.png");
            throw new AssertionError("tiles not rendered: " + browser.findElements(testId("tile")).stream()
                    .map(WebElement::getText).toList(), e);
        }
        List<WebElement> errors = browser.findElements(testId("tile-error"));
        assertTrue(errors.isEmpty() ? "" : errors.get(0).getText(), errors.isEmpty());
    }
}
