package io.sightline.itest;

import static io.sightline.itest.ApiClient.error;
import static io.sightline.itest.ApiClient.ok;
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
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
 * Queries over HTTPS against the real PostgreSQL and MariaDB (SPEC Q-1 … Q-5, C-1, DS-6): bound
 * parameters, snippets, the result cache, read-only enforcement, JDBC cancel that stops the
 * database within a second, streamed CSV/XLSX exports and the history.
 */
public class QueriesIT {
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String PG_SCHEMA = "sl_q_" + SUFFIX;
    private static final String MARIA_DB = "sl_q_" + SUFFIX;

    private static ApiClient api;
    private static final Chromium browsers = new Chromium();
    private static JsonNode owner;
    private static String pg;
    private static String maria;

    @BeforeClass
    public static void start() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + PG_SCHEMA);
            s.execute("CREATE TABLE " + PG_SCHEMA + ".orders AS SELECT n AS id, CASE WHEN n % 3 = 0 THEN 'EU' ELSE 'US' END "
                    + "AS region, (n % 100) + 0.5 AS amount, DATE '2025-01-01' + (n % 365) AS ordered_on "
                    + "FROM generate_series(1, 30000) n");
        } catch (java.sql.SQLException e) {
            throw new AssertionError("PostgreSQL must run on 127.0.0.1:5432 (./sightline.sh test starts it): " + e.getMessage(), e);
        }
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/test", "root", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + MARIA_DB);
            s.execute("CREATE TABLE " + MARIA_DB + ".customers (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL)");
            s.execute("INSERT INTO " + MARIA_DB + ".customers VALUES (1, 'Ada'), (2, 'Grace')");
        } catch (java.sql.SQLException e) {
            throw new AssertionError("MariaDB must run on 127.0.0.1:3306 (./sightline.sh test starts it): " + e.getMessage(), e);
        }
        api = ApiClient.start("queries-it");
        owner = api.owner("quinn");
        pg = ok(call("POST", "/datasources", dataSource("PG " + SUFFIX, "postgresql", 5432, "test", "postgres", true)), 201)
                .get("id").asText();
        maria = ok(call("POST", "/datasources", dataSource("Maria " + SUFFIX, "mariadb", 3306, MARIA_DB, "root", false)), 201)
                .get("id").asText();
    }

    @AfterClass
    public static void stop() throws Exception {
        browsers.close();
        if (api != null) {
            api.stop();
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE");
        }
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/test", "root", "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + MARIA_DB);
        }
    }

    private static HttpResponse<String> call(String method, String path, Object body) throws Exception {
        return api.call(method, path, body, token(owner));
    }

    private static Map<String, Object> dataSource(String name, String driver, int port, String database, String user,
            boolean readOnlyEnforced) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("driver", driver);
        body.put("host", "127.0.0.1");
        body.put("port", port);
        body.put("database", database);
        body.put("user", user);
        body.put("password", "");
        body.put("readOnlyEnforced", readOnlyEnforced);
        return body;
    }

    private static Map<String, Object> query(String dataSource, String sql) {
        Map<String, Object> body = new HashMap<>();
        body.put("dataSourceId", dataSource);
        body.put("sql", sql);
        return body;
    }

    @Test
    public void parametersAreBoundAndTheResultIsCached() throws Exception {
        Map<String, Object> body = query(pg, "SELECT region, count(*) AS orders, sum(amount) AS total FROM " + PG_SCHEMA
                + ".orders WHERE ordered_on BETWEEN {{period.start}} AND {{period.end}} [[AND region IN ({{regions}})]] "
                + "GROUP BY region ORDER BY region");
        body.put("parameters", List.of(Map.of("name", "period", "type", "date_range", "required", true),
                Map.of("name", "regions", "type", "list")));
        body.put("values", Map.of("period", Map.of("start", "2025-01-01", "end", "2025-01-31"), "regions", List.of("EU")));
        JsonNode first = ok(call("POST", "/queries", body), 200);
        assertEquals(1, first.get("rowCount").asInt());
        assertEquals("EU", first.get("rows").get(0).get(0).asText());
        assertEquals("number", first.get("columns").get(1).get("kind").asText());
        assertTrue(first.get("sql").get("sql").asText().contains("BETWEEN ? AND ?"));
        assertTrue(first.get("sql").get("display").asText().contains("-- 3: regions = 'EU'"));
        assertFalse(first.get("fromCache").asBoolean());

        JsonNode second = ok(call("POST", "/queries", body), 200);
        assertTrue("served by the result cache (Hazelcast)", second.get("fromCache").asBoolean());
        assertEquals(first.get("rows"), second.get("rows"));
        assertEquals(first.get("computedAt"), second.get("computedAt"));

        body.put("useCache", false);
        assertFalse(ok(call("POST", "/queries", body), 200).get("fromCache").asBoolean());

        body.put("values", Map.of("period", Map.of("start", "2025-02-30", "end", "2025-03-01")));
        JsonNode bad = error(call("POST", "/queries", body), 400, "sql");
        assertTrue(bad.get("message").asText(), bad.get("message").asText().contains("period"));
    }

    @Test
    public void zonedTimestampsAndRelativeDatesFollowTheUsersTimeZone() throws Exception {
        String sql = "SELECT TIMESTAMPTZ '2026-03-01 02:00:00+00' AS at, {{period.start}} AS first_day, "
                + "{{period.end}} AS last_day";
        Map<String, Object> body = query(pg, sql);
        body.put("parameters", List.of(Map.of("name", "period", "type", "date_range", "required", true)));
        body.put("values", Map.of("period", "Last 7 days"));

        body.put("timeZone", "Asia/Tokyo");
        LocalDate tokyoToday = LocalDate.now(ZoneId.of("Asia/Tokyo"));
        JsonNode tokyo = ok(call("POST", "/queries", body), 200);
        assertEquals("timestamp_with_zone", tokyo.at("/columns/0/kind").asText());
        assertEquals("2026-03-01T11:00+09:00", tokyo.at("/rows/0/0").asText());
        assertEquals("Asia/Tokyo", tokyo.at("/sql/timeZone").asText());
        assertEquals(2, tokyo.at("/sql/values").size());
        assertTrue(tokyo.at("/sql/values").toString(), tokyoToday.toString().equals(tokyo.at("/sql/values/1/value").asText())
                || LocalDate.now(ZoneId.of("Asia/Tokyo")).toString().equals(tokyo.at("/sql/values/1/value").asText()));
        LocalDate end = LocalDate.parse(tokyo.at("/sql/values/1/value").asText());
        assertEquals(end.minusDays(6).toString(), tokyo.at("/sql/values/0/value").asText());
        assertFalse(tokyo.at("/sql/sql").asText().contains("7"));

        body.put("timeZone", "America/Los_Angeles");
        JsonNode la = ok(call("POST", "/queries", body), 200);
        assertFalse("another zone, another cache entry", la.get("fromCache").asBoolean());
        assertEquals("2026-02-28T18:00-08:00", la.at("/rows/0/0").asText());
        assertEquals("America/Los_Angeles", la.at("/sql/timeZone").asText());

        body.remove("timeZone");
        assertEquals("UTC", ok(call("POST", "/queries", body), 200).at("/sql/timeZone").asText());
        body.put("timeZone", "Mars/Olympus");
        error(call("POST", "/queries", body), 400, "timeZone");
        body.put("timeZone", "Asia/Tokyo");
        body.put("values", Map.of("period", "the other week"));
        JsonNode unknown = error(call("POST", "/queries", body), 400, "sql");
        assertTrue(unknown.get("message").asText(), unknown.get("message").asText().contains("period"));
    }

    @Test
    public void theRowLimitIsReportedAndExportsStreamEveryRow() throws Exception {
        Map<String, Object> body = query(pg, "SELECT * FROM " + PG_SCHEMA + ".orders ORDER BY id");
        body.put("maxRows", 100);
        JsonNode limited = ok(call("POST", "/queries", body), 200);
        assertEquals(100, limited.get("rowCount").asInt());
        assertTrue(limited.get("limitReached").asBoolean());

        HttpResponse<String> csv = call("POST", "/queries/export?format=csv", query(pg, "SELECT * FROM " + PG_SCHEMA + ".orders ORDER BY id"));
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").contains(".csv"));
        String[] lines = csv.body().split("\r\n");
        assertEquals("\uFEFFid,region,amount,ordered_on", lines[0]);
        assertEquals(30_001, lines.length);

        HttpResponse<byte[]> xlsx = api.server.http().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(api.server.httpsBase() + "/api/queries/export?format=xlsx"))
                .header("Authorization", "Bearer " + token(owner))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(ApiClient.JSON.writeValueAsString(
                        query(pg, "SELECT * FROM " + PG_SCHEMA + ".orders WHERE id <= 500"))))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, xlsx.statusCode());
        assertEquals('P', xlsx.body()[0]);
        assertEquals('K', xlsx.body()[1]); // a zip, i.e. an OOXML workbook

        error(call("POST", "/queries/export?format=pdf", query(pg, "SELECT 1")), 400, "format");
        error(call("POST", "/queries/export?format=csv", query(pg, "SELECT {{missing}}")), 400, "sql");
    }

    @Test
    public void readOnlyEnforcedRefusesWritesAndDatabaseErrorsAreShown() throws Exception {
        JsonNode refused = error(call("POST", "/queries", query(pg, "DELETE FROM " + PG_SCHEMA + ".orders")), 400, "sql");
        assertEquals("not_a_query", refused.get("code").asText());
        JsonNode readOnly = error(call("POST", "/queries", query(maria, "DELETE FROM customers")), 422, null);
        assertTrue(readOnly.get("message").asText(), readOnly.get("message").asText().toLowerCase().contains("read"));
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/" + MARIA_DB, "root", "");
                Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT count(*) FROM customers");
            rs.next();
            assertEquals("the read-only session kept the rows", 2, rs.getInt(1));
        }
        JsonNode syntax = error(call("POST", "/queries", query(pg, "SELECT 1 +")), 422, null);
        assertTrue(syntax.get("message").asText(), syntax.get("message").asText().contains("syntax"));
        JsonNode notAQuery = error(call("POST", "/queries", query(pg, "SELEC 1")), 400, "sql");
        assertTrue(notAQuery.get("message").asText().contains("starts with 'SELEC'"));
        error(call("POST", "/queries", query(UUID.randomUUID().toString(), "SELECT 1")), 404, "dataSourceId");
        error(call("POST", "/queries", query(pg, "SELECT 1; SELECT 2")), 400, "sql");
    }

    @Test
    public void cancelStopsPostgresqlAndMariadbWithinASecond() throws Exception {
        assertCancels(pg, "SELECT pg_sleep(60)");
        assertCancels(maria, "SELECT SLEEP(60)");
    }

    private static void assertCancels(String dataSource, String sql) throws Exception {
        String id = "it-" + UUID.randomUUID();
        Map<String, Object> body = query(dataSource, sql);
        body.put("id", id);
        body.put("useCache", false);
        CompletableFuture<HttpResponse<String>> running = CompletableFuture.supplyAsync(() -> {
            try {
                return call("POST", "/queries", body);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (call("GET", "/queries/" + id, null).statusCode() != 200) {
            assertTrue("the query did not show up as running", System.nanoTime() < deadline);
            Thread.sleep(50); // polling the API: there is nothing to wait on
        }
        long t0 = System.nanoTime();
        ok(call("DELETE", "/queries/" + id, null), 204);
        HttpResponse<String> answer = running.get(10, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("cancelled", error(answer, 409, null).get("code").asText());
        assertTrue(sql + " stopped after " + millis + " ms", millis < 1000);
        error(call("DELETE", "/queries/" + id, null), 404, null);
    }

    @Test
    public void theFirstOrganizationGetsTheDemoDataSourceOnce() throws Exception {
        JsonNode demo = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (demo == null) {
            for (JsonNode d : ok(call("GET", "/datasources", null), 200)) {
                if (d.get("operatorDefined").asBoolean()) {
                    demo = d;
                }
            }
            assertTrue("no demo data source within 60 s", demo != null || System.nanoTime() < deadline);
            Thread.sleep(200); // created in the background after sign-up; poll the API
        }
        assertEquals("Demo sales", demo.get("name").asText());
        assertEquals("h2", demo.get("driver").asText());
        assertTrue(demo.get("readOnlyEnforced").asBoolean());
        assertTrue(demo.get("password").get("set").asBoolean());
        String id = demo.get("id").asText();

        JsonNode byRegion = ok(call("POST", "/queries", query(id, "SELECT region, sum(revenue) AS revenue FROM sales "
                + "GROUP BY region ORDER BY region")), 200);
        assertEquals(4, byRegion.get("rowCount").asInt());
        assertEquals("APAC", byRegion.get("rows").get(0).get(0).asText());
        assertTrue(ok(call("POST", "/queries", query(id, "SELECT count(*) FROM order_lines")), 200)
                .get("rows").get(0).get(0).asInt() > 40_000);
        // The reader may not write, and H2's file functions are for administrators only.
        error(call("POST", "/queries", query(id, "SELECT FILE_READ('/etc/passwd')")), 422, null);

        error(call("PUT", "/datasources/" + id, Map.of("name", "Mine now", "driver", "h2", "host", "", "database",
                "demo/sales", "user", "DEMO_READER")), 409, null);
        // And the demo dashboard over it, owned by the Owner that setup created (P-9).
        JsonNode dashboard = null;
        while (dashboard == null) {
            for (JsonNode d : ok(call("GET", "/dashboards", null), 200)) {
                if (d.get("name").asText().equals("Demo sales")) {
                    dashboard = d;
                }
            }
            assertTrue("no demo dashboard within 60 s", dashboard != null || System.nanoTime() < deadline);
            Thread.sleep(200);
        }
        assertEquals(6, ok(call("GET", "/dashboards/" + dashboard.get("id").asText(), null), 200).get("tiles").size());

        ok(call("DELETE", "/datasources/" + id, null), 204);
        assertTrue(api.server.home.resolve("data/sightline/embedded/demo/provisioned").toFile().isFile());
        assertTrue(api.server.home.resolve("data/sightline/embedded/demo/dashboard").toFile().isFile());
    }

    @Test
    public void aMemberWritesRunsAndCancelsQueriesInTheBrowser() throws Exception {
        ChromeDriver browser = browsers.open();
        signIn(browser, api.server.httpsBase(), owner.get("user").get("email").asText(), ApiClient.PASSWORD);
        browser.get(api.server.httpsBase() + "/queries");
        new Select(visible(browser, "query-datasource")).selectByValue(pg);
        WebElement editor = visible(browser, "query-editor").findElement(By.cssSelector(".cm-content"));
        editor.click();
        editor.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        editor.sendKeys("SELECT region, count(*) AS orders FROM " + PG_SCHEMA + ".orders WHERE amount > {{min_amount}} "
                + "GROUP BY region ORDER BY region");
        new Select(visible(browser, "param-type-min_amount")).selectByValue("number");
        type(browser, "param-min_amount", "90");
        click(browser, "query-run");
        WebElement status = visible(browser, "query-status");
        new WebDriverWait(browser, WAIT).until(d -> status.getText().contains("2 rows"));
        String table = visible(browser, "query-result").getText();
        assertTrue(table, table.contains("EU") && table.contains("US"));
        click(browser, "query-sql-sent");
        screenshot(browser, "queries-01-result.png");

        editor.click();
        editor.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        editor.sendKeys("SELECT pg_sleep(30)");
        click(browser, "query-run");
        visible(browser, "query-elapsed");
        long t0 = System.nanoTime();
        click(browser, "query-cancel");
        WebElement note = visible(browser, "query-note");
        assertTrue(note.getText(), note.getText().toLowerCase().contains("cancel"));
        assertTrue("cancelled in the browser within 5 s", System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
        screenshot(browser, "queries-02-cancelled.png");

        click(browser, "query-history-tab");
        new WebDriverWait(browser, WAIT).until(d -> d.findElements(testId("query-history-item")).size() >= 2);
        screenshot(browser, "queries-03-history.png");
    }

    @Test
    public void snippetsAndHistory() throws Exception {
        JsonNode snippet = ok(call("POST", "/snippets", Map.of("name", "EU orders " + SUFFIX, "sql", "region = 'EU'")), 201);
        error(call("POST", "/snippets", Map.of("name", "EU orders " + SUFFIX, "sql", "x")), 409, "name");
        error(call("POST", "/snippets", Map.of("name", "broken", "sql", "'unterminated")), 400, "sql");
        String marker = "marker_" + SUFFIX;
        JsonNode r = ok(call("POST", "/queries", query(pg, "SELECT count(*) AS " + marker + " FROM " + PG_SCHEMA
                + ".orders WHERE {{snippet:EU orders " + SUFFIX + "}}")), 200);
        assertEquals(10_000, r.get("rows").get(0).get(0).asInt());
        ok(call("DELETE", "/snippets/" + snippet.get("id").asText(), null), 204);
        JsonNode gone = error(call("POST", "/queries", query(pg, "SELECT {{snippet:EU orders " + SUFFIX + "}}")), 400, "sql");
        assertTrue(gone.get("message").asText().contains("EU orders"));

        JsonNode history = ok(call("GET", "/queries/history?q=" + marker, null), 200);
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); history.size() == 0 && System.nanoTime() < deadline; ) {
            Thread.sleep(100); // history is written in the background within a moment; poll the API
            history = ok(call("GET", "/queries/history?q=" + marker, null), 200);
        }
        assertEquals(1, history.size());
        assertEquals("SUCCEEDED", history.get(0).get("status").asText());
        assertEquals(pg, history.get(0).get("dataSourceId").asText());
        List<String> statuses = new ArrayList<>();
        ok(call("GET", "/queries/history?limit=500", null), 200).forEach(h -> statuses.add(h.get("status").asText()));
        assertTrue(statuses.toString(), statuses.contains("FAILED"));
        error(call("GET", "/queries/history?limit=0", null), 400, "limit");

        String audit = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!audit.contains("sqlSha256=") && System.nanoTime() < deadline) {
            audit = ok(call("GET", "/audit?action=query.run&limit=50", null), 200).toString();
            Thread.sleep(100); // the audit log writes in batches; poll the API until it shows
        }
        assertTrue(audit, audit.contains("sqlSha256="));
        assertFalse("the audit keeps the SQL's hash, not its text", audit.contains(marker));
    }
}
