package io.sightline.itest;

import static io.sightline.itest.ApiClient.JSON;
import static io.sightline.itest.ApiClient.error;
import static io.sightline.itest.ApiClient.ok;
import static io.sightline.itest.ApiClient.token;
import static io.sightline.itest.Chromium.screenshot;
import static io.sightline.itest.Chromium.signIn;
import static io.sightline.itest.Chromium.visible;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

import javax.mail.internet.MimeMessage;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.chrome.ChromeDriver;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMailUtil;

/**
 * Scheduled work on a running distribution with a fast schedule (S-1, S-2), against the real
 * PostgreSQL: an alert that triggers when a row arrives emails (GreenMail) and posts to an HTTPS
 * webhook once; schema and filter refreshes pick up new tables and values; the scheduler module
 * stopped and started goes on without running a due job twice; the alert editor and the run
 * history in the browser.
 */
public class SchedulesIT {
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String SCHEMA = "sl_sched_" + SUFFIX;
    private static final String SECRET_PATH = "T000/B000/secret-" + SUFFIX;

    private static ApiClient api;
    private static TestWebhook webhook;
    private static final Chromium browsers = new Chromium();
    private static JsonNode owner;
    private static String pg;

    @BeforeClass
    public static void start() throws Exception {
        sql("CREATE SCHEMA " + SCHEMA,
                "CREATE TABLE " + SCHEMA + ".orders (id INTEGER PRIMARY KEY, region TEXT NOT NULL, amount NUMERIC(10,2))",
                "INSERT INTO " + SCHEMA + ".orders VALUES (1, 'EU', 10.00)");
        webhook = new TestWebhook();
        api = ApiClient.start("schedules-it", (server, smtpPort) -> {
            server.writeEtc("etc/io.sightline.scheduler.cfg", "poll.millis = 200\nmin.interval.seconds = 1\n"
                    + "public.url = " + server.httpsBase() + "\nnode.name = it-node\n");
            server.appendEtc("etc/io.sightline.notify.cfg", "webhook.truststore = " + webhook.certificatePem()
                    + "\nwebhook.allow.private.addresses = true\nwebhook.backoff.seconds = 0.2\n");
        });
        owner = api.owner("sam");
        Map<String, Object> ds = new HashMap<>();
        ds.put("name", "PG " + SUFFIX);
        ds.put("driver", "postgresql");
        ds.put("host", "127.0.0.1");
        ds.put("port", 5432);
        ds.put("database", "test");
        ds.put("user", "postgres");
        ds.put("password", "");
        pg = ok(call("POST", "/datasources", ds), 201).get("id").asText();
    }

    @AfterClass
    public static void stop() throws Exception {
        browsers.close();
        if (api != null) {
            api.stop();
        }
        if (webhook != null) {
            webhook.close();
        }
        sql("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }

    private static void sql(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError("PostgreSQL must run on 127.0.0.1:5432 (./sightline.sh test starts it): " + e.getMessage(), e);
        }
    }

    private static HttpResponse<String> call(String method, String path, Object body) throws Exception {
        return api.call(method, path, body, token(owner));
    }

    private static <T> T await(String what, Duration within, Callable<T> probe) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            T value = probe.call();
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
            Thread.sleep(100); // polling a server-side condition; no event to wait on over HTTP
        }
        throw new AssertionError("Not within " + within.toSeconds() + " s: " + what);
    }

    private static Map<String, Object> alert(String name, String sql, Map<String, Object> condition, List<String> webhooks) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("dataSourceId", pg);
        body.put("sql", sql);
        body.put("condition", condition);
        body.put("schedule", Map.of("intervalSeconds", 1));
        Map<String, Object> notify = new HashMap<>();
        notify.put("userIds", List.of(owner.get("user").get("id").asText()));
        notify.put("webhookUrls", webhooks);
        notify.put("everyRun", false);
        body.put("notify", notify);
        return body;
    }

    private static List<JsonNode> runs(String scheduleId) throws Exception {
        List<JsonNode> runs = new java.util.ArrayList<>();
        ok(call("GET", "/schedules/" + scheduleId + "/runs?limit=500", null), 200).forEach(runs::add);
        return runs;
    }

    private static int mailsAbout(String subjectPart) {
        int n = 0;
        for (MimeMessage m : api.mail.getReceivedMessages()) {
            try {
                if (m.getSubject().contains(subjectPart)) {
                    n++;
                }
            } catch (javax.mail.MessagingException e) {
                throw new AssertionError(e);
            }
        }
        return n;
    }

    @Test
    public void anAlertTriggersOnceWhenARowArrivesByEmailAndWebhook() throws Exception {
        String name = "Big orders " + SUFFIX;
        HttpResponse<String> created = call("POST", "/alerts", alert(name,
                "SELECT id, amount FROM " + SCHEMA + ".orders WHERE amount > 100",
                Map.of("type", "ROW_COUNT", "operator", "ABOVE", "threshold", 0), List.of(webhook.url(SECRET_PATH))));
        JsonNode alert = ok(created, 201);
        assertFalse("the webhook URL is a secret", created.body().contains("secret-"));
        assertEquals("127.0.0.1", alert.get("notify").get("webhooks").get(0).get("host").asText());
        String id = alert.get("id").asText();
        String scheduleId = alert.get("schedule").get("id").asText();

        await("the first run finds no big order", Duration.ofSeconds(30),
                () -> "OK".equals(ok(call("GET", "/alerts/" + id, null), 200).get("state").asText()));
        assertEquals(0, mailsAbout(name));

        sql("INSERT INTO " + SCHEMA + ".orders VALUES (2, 'US', 500.00)");
        MimeMessage mail = await("the alert email", Duration.ofSeconds(30), () -> {
            for (MimeMessage m : api.mail.getReceivedMessages()) {
                if (m.getSubject().contains(name)) {
                    return m;
                }
            }
            return null;
        });
        assertEquals("Sightline alert: " + name + " triggered", mail.getSubject());
        String text = GreenMailUtil.getBody(mail).replace("=\r\n", "");
        assertTrue(text, text.contains(api.server.httpsBase() + "/alerts/" + id));
        assertTrue(text, text.contains("1 rows"));

        TestWebhook.Received hook = webhook.next(30);
        assertNotNull("the webhook was posted", hook);
        assertEquals("/services/" + SECRET_PATH, hook.path());
        assertTrue(hook.contentType(), hook.contentType().startsWith("application/json"));
        JsonNode payload = JSON.readTree(hook.body());
        assertTrue(payload.get("text").asText(), payload.get("text").asText().contains(name));
        assertEquals(id, payload.get("sightline").get("alertId").asText());

        // It stays triggered: more runs, but nobody is told again.
        int before = runs(scheduleId).size();
        await("three more runs", Duration.ofSeconds(30), () -> runs(scheduleId).size() >= before + 3);
        assertEquals(1, mailsAbout(name));
        assertNull("no second webhook", webhook.next(1));
        JsonNode state = ok(call("GET", "/alerts/" + id, null), 200);
        assertEquals("TRIGGERED", state.get("state").asText());
        Set<String> outcomes = new HashSet<>();
        runs(scheduleId).forEach(r -> outcomes.add(r.get("outcome").asText()));
        assertTrue(outcomes.toString(), outcomes.containsAll(List.of("OK", "TRIGGERED")));
        assertFalse(call("GET", "/alerts", null).body().contains("secret-"));

        JsonNode test = ok(call("POST", "/alerts/" + id + "/test", null), 200);
        assertTrue(test.get("holds").asBoolean());
        assertEquals(1, test.get("rowCount").asInt());
        assertEquals(1, mailsAbout(name));
    }

    @Test
    public void badInputNamesTheField() throws Exception {
        Map<String, Object> anyRows = Map.of("type", "ANY_ROWS");
        Map<String, Object> body = alert("Bad", "SELECT 1", anyRows, List.of());
        body.put("schedule", Map.of("cron", "0 7 * *"));
        error(call("POST", "/alerts", body), 400, "schedule.cron");
        body.put("schedule", Map.of("intervalSeconds", 1, "cron", "* * * * *"));
        error(call("POST", "/alerts", body), 400, "schedule.cron");
        error(call("POST", "/alerts", alert("Bad", "SELECT 1", Map.of("type", "SOMETIMES"), List.of())), 400, "condition.type");
        error(call("POST", "/alerts", alert("Bad", "SELECT 1", Map.of("type", "VALUE", "operator", "ABOVE", "threshold", 1),
                List.of())), 400, "condition.column");
        JsonNode e = error(call("POST", "/alerts", alert("Bad", "SELECT 1", anyRows, List.of("http://hooks.example/x/secret"))),
                400, "notify.webhookUrls");
        assertFalse(e.toString().contains("secret"));
        error(call("POST", "/alerts", alert("Bad", "DELETE FROM " + SCHEMA + ".orders", anyRows, List.of())), 400, "sql");
        error(call("POST", "/alerts", alert("", "SELECT 1", anyRows, List.of())), 400, "name");
        error(call("POST", "/schedules", Map.of("kind", "SCHEMA_REFRESH", "targetId", pg, "intervalSeconds", 60)), 409,
                "targetId");
        error(call("POST", "/schedules", Map.of("kind", "SOMETHING", "targetId", pg, "intervalSeconds", 60)), 400, "kind");
        assertEquals(401, api.call("GET", "/alerts", null, null).statusCode());
    }

    @Test
    public void aSchemaRefreshFindsANewTableAndAFilterRefreshFindsNewValues() throws Exception {
        JsonNode refresh = ok(call("GET", "/schedules?kind=SCHEMA_REFRESH&targetId=" + pg, null), 200).get(0);
        assertEquals("every 1 day", refresh.get("description").asText());
        sql("CREATE TABLE " + SCHEMA + ".returns_" + SUFFIX + " (id INTEGER)");
        assertFalse(call("GET", "/datasources/" + pg + "/schema", null).body().contains("returns_" + SUFFIX));
        ok(call("POST", "/schedules/" + refresh.get("id").asText() + "/run", null), 202);
        await("the new table in the stored schema", Duration.ofSeconds(30),
                () -> call("GET", "/datasources/" + pg + "/schema", null).body().contains("returns_" + SUFFIX));

        JsonNode filter = ok(call("POST", "/filters", Map.of("name", "Regions " + SUFFIX, "dataSourceId", pg,
                "sql", "SELECT DISTINCT region FROM " + SCHEMA + ".orders ORDER BY 1", "refreshIntervalSeconds", 3600)), 201);
        String filterId = filter.get("id").asText();
        JsonNode schedule = ok(call("GET", "/schedules?kind=FILTER_REFRESH&targetId=" + filterId, null), 200).get(0);
        assertEquals(3600, schedule.get("intervalSeconds").asInt());
        ok(call("PUT", "/schedules/" + schedule.get("id").asText(), Map.of("intervalSeconds", 1, "enabled", true)), 200);
        await("the filter's first values", Duration.ofSeconds(30),
                () -> ok(call("GET", "/filters/" + filterId, null), 200).get("values").toString().contains("EU"));
        sql("INSERT INTO " + SCHEMA + ".orders VALUES (3, 'APAC', 5.00)");
        await("the new region among the filter's values", Duration.ofSeconds(30),
                () -> ok(call("GET", "/filters/" + filterId, null), 200).get("values").toString().contains("APAC"));
    }

    @Test
    public void theSchedulerModuleStoppedAndStartedGoesOnWithoutRunningADueJobTwice() throws Exception {
        JsonNode alert = ok(call("POST", "/alerts", alert("Heartbeat " + SUFFIX, "SELECT 1 AS one",
                Map.of("type", "CHANGED"), List.of())), 201);
        String scheduleId = alert.get("schedule").get("id").asText();
        await("two runs", Duration.ofSeconds(30), () -> runs(scheduleId).size() >= 2);

        api.server.console("bundle:stop io.sightline.scheduler");
        Instant stopped = Instant.now();
        // The run records are read through the module itself, so the stopped window is checked after
        // the restart: a few poll periods in which nothing may start.
        Thread.sleep(2_000);
        Instant restarting = Instant.now();
        api.server.console("bundle:start io.sightline.scheduler");
        await("the API with the scheduler module again", Duration.ofSeconds(60),
                () -> api.call("GET", "/schedules/" + scheduleId + "/runs", null, token(owner)).statusCode() == 200);
        await("three runs after the start", Duration.ofSeconds(60), () -> runs(scheduleId).stream()
                .filter(r -> Instant.parse(r.get("startedAt").asText()).isAfter(restarting)).count() >= 3);
        Set<String> dueTimes = new HashSet<>();
        for (JsonNode run : runs(scheduleId)) {
            Instant started = Instant.parse(run.get("startedAt").asText());
            assertFalse("nothing ran while the module was stopped: " + run, started.isAfter(stopped) && started.isBefore(restarting));
            assertTrue("one run per due time: " + run, dueTimes.add(run.get("dueAt").asText()));
            assertEquals("it-node", run.get("node").asText());
        }
    }

    @Test
    public void theAlertEditorAndTheRunHistoryInTheBrowser() throws Exception {
        JsonNode alert = ok(call("POST", "/alerts", alert("Shown " + SUFFIX, "SELECT count(*) AS n FROM " + SCHEMA + ".orders",
                Map.of("type", "VALUE", "column", "n", "operator", "ABOVE", "threshold", 1000), List.of())), 201);
        String id = alert.get("id").asText();
        await("a run to show", Duration.ofSeconds(30),
                () -> runs(alert.get("schedule").get("id").asText()).size() >= 1);
        ChromeDriver driver = browsers.open();
        signIn(driver, api.server.httpsBase(), owner.get("user").get("email").asText(), ApiClient.PASSWORD);
        driver.get(api.server.httpsBase() + "/alerts");
        await("the alert in the list", Duration.ofSeconds(20),
                () -> visible(driver, "alerts-table").getText().contains("Shown " + SUFFIX));
        driver.get(api.server.httpsBase() + "/alerts/" + id);
        assertEquals("n", visible(driver, "alert-column").getAttribute("value"));
        await("the run history", Duration.ofSeconds(20), () -> !driver.findElements(Chromium.testId("alert-run-row")).isEmpty());
        screenshot(driver, "schedules-alert-editor.png");
        driver.get(api.server.httpsBase() + "/schedules");
        visible(driver, "schedules-table");
        await("the history panel", Duration.ofSeconds(20),
                () -> !driver.findElements(Chromium.testId("schedule-history-row")).isEmpty());
        assertTrue(visible(driver, "schedules-table").getText().contains("Shown " + SUFFIX));
        screenshot(driver, "schedules-history.png");
    }
}
