package io.sightline.itest;

import static io.sightline.itest.ApiClient.PASSWORD;
import static io.sightline.itest.ApiClient.error;
import static io.sightline.itest.ApiClient.newEmail;
import static io.sightline.itest.ApiClient.ok;
import static io.sightline.itest.ApiClient.org;
import static io.sightline.itest.ApiClient.token;
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
}
