package io.sightline.itest;

import static io.sightline.itest.ApiClient.PASSWORD;
import static io.sightline.itest.ApiClient.error;
import static io.sightline.itest.ApiClient.newEmail;
import static io.sightline.itest.ApiClient.ok;
import static io.sightline.itest.ApiClient.org;
import static io.sightline.itest.ApiClient.token;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import static io.sightline.itest.Chromium.WAIT;
import static io.sightline.itest.Chromium.click;
import static io.sightline.itest.Chromium.screenshot;
import static io.sightline.itest.Chromium.signIn;
import static io.sightline.itest.Chromium.testId;
import static io.sightline.itest.Chromium.type;
import static io.sightline.itest.Chromium.visible;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.junit.AfterClass;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.sightline.driver.postgresql.internal.ClientCertificatePostgres;

/**
 * Data sources against the real PostgreSQL and MariaDB on this machine, over HTTPS as admins use
 * them: create, test step by step, metadata, refused options, clear errors, SSH tunnels through an
 * in-process MINA SSHD hop, secrets never shown, roles, and a driver module removed and installed
 * again while another data source keeps answering (DS-2).
 */
public class DataSourcesIT {
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String PG_SCHEMA = "sl_it_" + SUFFIX;
    private static final String MARIA_DB = "sl_it_" + SUFFIX;
    private static final String MARIA_RO = "sl_ro_" + SUFFIX;
    private static final String MARIA_RO_PASSWORD = "Ro-" + UUID.randomUUID();
    private static final String SSH_USER = "tunnel";

    private static ApiClient api;
    private static final Chromium browsers = new Chromium();
    private static JsonNode owner;
    private static SshServer ssh;
    private static KeyPair clientKey;
    private static String hostKeyFingerprint;
    private static String clientKeyPem;

    @BeforeClass
    public static void start() throws Exception {
        try (Connection pg = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                Statement s = pg.createStatement()) {
            s.execute("CREATE SCHEMA " + PG_SCHEMA);
            s.execute("CREATE TABLE " + PG_SCHEMA + ".orders (id INTEGER PRIMARY KEY, region TEXT NOT NULL, amount NUMERIC(10,2))");
            s.execute("INSERT INTO " + PG_SCHEMA + ".orders VALUES (1, 'EU', 10.50), (2, 'US', 20.00)");
            s.execute("CREATE VIEW " + PG_SCHEMA + ".big_orders AS SELECT * FROM " + PG_SCHEMA + ".orders WHERE amount > 15");
        } catch (java.sql.SQLException e) {
            throw new AssertionError("PostgreSQL must run on 127.0.0.1:5432 (./sightline.sh test starts it): " + e.getMessage(), e);
        }
        try (Connection maria = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/test", "root", "");
                Statement s = maria.createStatement()) {
            s.execute("CREATE DATABASE " + MARIA_DB);
            s.execute("CREATE TABLE " + MARIA_DB + ".customers (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL)");
            for (String host : List.of("%", "localhost", "127.0.0.1")) {
                s.execute("CREATE USER '" + MARIA_RO + "'@'" + host + "' IDENTIFIED BY '" + MARIA_RO_PASSWORD + "'");
                s.execute("GRANT SELECT ON " + MARIA_DB + ".* TO '" + MARIA_RO + "'@'" + host + "'");
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError("MariaDB must run on 127.0.0.1:3306 (./sightline.sh test starts it): " + e.getMessage(), e);
        }

        Path keys = Files.createTempDirectory("sightline-ssh-it");
        ssh = SshServer.setUpDefaultServer();
        ssh.setHost("127.0.0.1");
        ssh.setPort(0);
        ssh.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(keys.resolve("host.ser")));
        clientKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        ssh.setPublickeyAuthenticator((user, key, session) -> SSH_USER.equals(user) && KeyUtils.compareKeys(key, clientKey.getPublic()));
        ssh.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        ssh.start();
        hostKeyFingerprint = KeyUtils.getFingerPrint(ssh.getKeyPairProvider().loadKeys(null).iterator().next().getPublic());
        ByteArrayOutputStream pem = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "it", null, pem);
        clientKeyPem = pem.toString(StandardCharsets.UTF_8);

        api = ApiClient.start("datasources-it");
        owner = api.owner("dora");
    }

    @AfterClass
    public static void stop() throws Exception {
        browsers.close();
        if (api != null) {
            api.stop();
        }
        if (ssh != null) {
            ssh.stop(true);
        }
        try (Connection pg = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                Statement s = pg.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE");
        }
        try (Connection maria = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/test", "root", "");
                Statement s = maria.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + MARIA_DB);
            for (String host : List.of("%", "localhost", "127.0.0.1")) {
                s.execute("DROP USER IF EXISTS '" + MARIA_RO + "'@'" + host + "'");
            }
        }
    }

    private static HttpResponse<String> call(String method, String path, Object body) throws Exception {
        return api.call(method, path, body, token(owner));
    }

    private static Map<String, Object> postgres(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("driver", "postgresql");
        body.put("host", "127.0.0.1");
        body.put("port", 5432);
        body.put("database", "test");
        body.put("user", "postgres");
        body.put("password", "pg-secret-" + SUFFIX);
        return body;
    }

    private static Map<String, Object> mariadb(String name, String user, String password) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("driver", "mariadb");
        body.put("host", "127.0.0.1");
        body.put("port", 3306);
        body.put("database", MARIA_DB);
        body.put("user", user);
        body.put("password", password);
        return body;
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    private static List<String> steps(JsonNode test) {
        List<String> steps = new ArrayList<>();
        test.get("steps").forEach(s -> steps.add(s.get("step").asText() + (s.get("ok").asBoolean() ? "" : "!")));
        return steps;
    }

    private static JsonNode lastStep(JsonNode test) {
        return test.get("steps").get(test.get("steps").size() - 1);
    }

    /** The schema once the metadata read after creation has stored it. */
    private static JsonNode awaitSchema(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> response = call("GET", "/datasources/" + id + "/schema", null);
        while (response.statusCode() == 409 && System.nanoTime() < deadline) {
            Thread.sleep(100); // read by the module's own thread after creation
            response = call("GET", "/datasources/" + id + "/schema", null);
        }
        return ok(response, 200);
    }

    private static JsonNode table(JsonNode schema, String schemaName, String table) {
        for (JsonNode s : schema.get("schemas")) {
            if (s.get("name").asText().equals(schemaName)) {
                for (JsonNode t : s.get("tables")) {
                    if (t.get("name").asText().equals(table)) {
                        return t;
                    }
                }
            }
        }
        throw new AssertionError(schemaName + "." + table + " not in " + schema);
    }

    @Test
    public void postgresqlIsCreatedTestedAndItsSchemaRead() throws Exception {
        JsonNode drivers = ok(call("GET", "/drivers", null), 200);
        assertTrue(drivers.toString(), drivers.toString().contains("\"postgresql\"") && drivers.toString().contains("\"mariadb\""));

        JsonNode created = ok(call("POST", "/datasources", postgres("Warehouse " + SUFFIX)), 201);
        String id = created.get("id").asText();
        assertEquals("{\"set\":true}", created.get("password").toString());
        assertTrue(created.get("readOnlyEnforced").asBoolean());
        assertEquals(120, created.get("queryTimeoutSeconds").asInt());

        JsonNode test = ok(call("POST", "/datasources/" + id + "/test", null), 200);
        assertTrue(test.toString(), test.get("ok").asBoolean());
        assertEquals(List.of("DNS", "TCP", "AUTHENTICATION", "QUERY"), steps(test));
        assertTrue(test.get("server").get("version").asText().startsWith("15"));
        assertTrue("postgres can write: the UI warns", test.get("writeAccess").get("canWrite").asBoolean());

        JsonNode schema = awaitSchema(id);
        JsonNode orders = table(schema, PG_SCHEMA, "orders");
        assertEquals("TABLE", orders.get("kind").asText());
        assertEquals("id", orders.get("columns").get(0).get("name").asText());
        assertFalse(orders.get("columns").get(1).get("nullable").asBoolean());
        assertEquals("VIEW", table(schema, PG_SCHEMA, "big_orders").get("kind").asText());
        assertFalse("no system schemas", schema.toString().contains("pg_catalog"));

        JsonNode listed = ok(call("GET", "/datasources/" + id, null), 200);
        assertTrue(listed.get("writeAccess").get("canWrite").asBoolean());
        assertEquals("PostgreSQL", listed.get("server").get("product").asText());

        // The password is kept, replaced or removed, and never shown or logged.
        JsonNode renamed = ok(call("PUT", "/datasources/" + id, with(postgres("Warehouse " + SUFFIX), "password", null)), 200);
        assertEquals("{\"set\":true}", renamed.get("password").toString());
        assertEquals("{\"set\":false}", ok(call("PUT", "/datasources/" + id, with(postgres("Warehouse " + SUFFIX), "password", "")), 200)
                .get("password").toString());
        String everything = ok(call("GET", "/datasources", null), 200).toString()
                + ok(call("GET", "/audit?objectType=datasource", null), 200).toString()
                + call("GET", "/audit?format=csv", null).body() + api.server.karafLogTail(5000);
        assertFalse("the password appears somewhere", everything.contains("pg-secret-" + SUFFIX));
        assertTrue(everything, everything.contains("datasource.update"));

        error(call("POST", "/datasources", postgres("Warehouse " + SUFFIX)), 409, "name");
        ok(call("DELETE", "/datasources/" + id, null), 204);
        error(call("GET", "/datasources/" + id, null), 404, null);
    }

    @Test
    public void mariadbWithAReadOnlyUserAndClearErrors() throws Exception {
        JsonNode created = ok(call("POST", "/datasources", mariadb("Shop " + SUFFIX, MARIA_RO, MARIA_RO_PASSWORD)), 201);
        String id = created.get("id").asText();
        JsonNode test = ok(call("POST", "/datasources/" + id + "/test", null), 200);
        assertTrue(test.toString(), test.get("ok").asBoolean());
        assertFalse("a SELECT-only user cannot write", test.get("writeAccess").get("canWrite").asBoolean());
        assertEquals("customers", table(awaitSchema(id), MARIA_DB, "customers").get("name").asText());

        // Each failure names its step, in plain words, without a stack trace.
        JsonNode wrong = ok(call("POST", "/datasources/test", mariadb("x", MARIA_RO, "wrong-password")), 200);
        assertFalse(wrong.get("ok").asBoolean());
        assertEquals("AUTHENTICATION", lastStep(wrong).get("step").asText());
        JsonNode noDb = ok(call("POST", "/datasources/test", with(mariadb("x", "root", ""), "database", "no_such_db_" + SUFFIX)), 200);
        assertEquals("DATABASE", lastStep(noDb).get("step").asText());
        int closed = Distribution.freePort();
        long t0 = System.nanoTime();
        JsonNode refused = ok(call("POST", "/datasources/test", with(postgres("x"), "port", closed)), 200);
        assertEquals(List.of("DNS", "TCP!"), steps(refused));
        assertTrue(lastStep(refused).get("message").asText().contains("127.0.0.1:" + closed));
        JsonNode unknown = ok(call("POST", "/datasources/test", with(postgres("x"), "host", "no-such-host-" + SUFFIX + ".invalid")), 200);
        assertEquals(List.of("DNS!"), steps(unknown));
        assertTrue("within the connect timeout", System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(25));
        for (JsonNode t : List.of(wrong, noDb, refused, unknown)) {
            assertFalse(t.toString(), t.toString().contains("Exception") || t.toString().contains("\tat "));
        }
    }

    @Test
    public void optionsThatRunCodeOrReadFilesAreRefusedByName() throws Exception {
        Map<String, String> pg = Map.of("socketFactory", "java.lang.String", "sslfactory", "x.Y", "loggerFile", "/tmp/x");
        for (Map.Entry<String, String> option : pg.entrySet()) {
            error(call("POST", "/datasources", with(postgres("bad"), "options", Map.of(option.getKey(), option.getValue()))),
                    400, "options." + option.getKey());
        }
        for (String option : List.of("allowLoadLocalInfile", "autoDeserialize")) {
            error(call("POST", "/datasources", with(mariadb("bad", "root", ""), "options", Map.of(option, "true"))),
                    400, "options." + option);
        }
        error(call("POST", "/datasources", with(postgres("bad"), "host", "")), 400, "host");
        error(call("POST", "/datasources", with(postgres("bad"), "driver", "oracle")), 400, "driver");
        error(call("POST", "/datasources", with(postgres("bad"), "tls", Map.of("mode", "VERIFY_FULL", "caCertificate", "not a cert"))),
                400, "tls.caCertificate");
        assertTrue(ok(call("GET", "/datasources", null), 200).toString().indexOf("\"bad\"") < 0);
    }

    @Test
    public void sshTunnelsWithAPinnedHostKey() throws Exception {
        Map<String, Object> hop = new HashMap<>(Map.of("host", "127.0.0.1", "port", ssh.getPort(), "user", SSH_USER,
                "privateKey", clientKeyPem));
        // Unknown key: the test shows it for confirmation, and saving needs it.
        JsonNode first = ok(call("POST", "/datasources/test", with(postgres("t"), "ssh", hop)), 200);
        assertEquals(List.of("DNS", "TCP", "SSH!"), steps(first));
        assertEquals(hostKeyFingerprint, lastStep(first).get("hostKeyFingerprint").asText());
        error(call("POST", "/datasources", with(postgres("Tunnel " + SUFFIX), "ssh", hop)), 400, "ssh.hostKeyFingerprint");

        hop.put("hostKeyFingerprint", "SHA256:" + "A".repeat(43));
        JsonNode mismatch = ok(call("POST", "/datasources/test", with(postgres("t"), "ssh", hop)), 200);
        assertEquals("SSH", lastStep(mismatch).get("step").asText());
        assertFalse(lastStep(mismatch).get("ok").asBoolean());
        assertTrue(lastStep(mismatch).get("message").asText().contains("not the confirmed one"));

        hop.put("hostKeyFingerprint", hostKeyFingerprint);
        JsonNode pgTunnel = ok(call("POST", "/datasources", with(postgres("Tunnel PG " + SUFFIX), "ssh", hop)), 201);
        assertEquals("{\"set\":true}", pgTunnel.get("ssh").get("privateKey").toString());
        assertFalse(pgTunnel.toString().contains("PRIVATE KEY"));
        JsonNode tested = ok(call("POST", "/datasources/" + pgTunnel.get("id").asText() + "/test", null), 200);
        assertEquals(tested.toString(), List.of("DNS", "TCP", "SSH", "AUTHENTICATION", "QUERY"), steps(tested));
        table(ok(call("POST", "/datasources/" + pgTunnel.get("id").asText() + "/schema/refresh", null), 200), PG_SCHEMA, "orders");

        JsonNode mariaTunnel = ok(call("POST", "/datasources", with(mariadb("Tunnel Maria " + SUFFIX, MARIA_RO, MARIA_RO_PASSWORD), "ssh", hop)), 201);
        assertTrue(ok(call("POST", "/datasources/" + mariaTunnel.get("id").asText() + "/test", null), 200).get("ok").asBoolean());

        hop.put("privateKey", "-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n-----END OPENSSH PRIVATE KEY-----");
        error(call("POST", "/datasources", with(postgres("Bad key"), "ssh", hop)), 400, "ssh.privateKey");
    }

    @Test
    public void postgresqlOverTlsInEachMode() throws Exception {
        try (TlsPostgres tls = TlsPostgres.start()) {
            Map<String, Object> base = with(with(postgres("tls"), "port", tls.port), "database", "postgres");
            JsonNode required = ok(call("POST", "/datasources/test", with(base, "tls", Map.of("mode", "REQUIRE"))), 200);
            assertEquals(required.toString(), List.of("DNS", "TCP", "TLS", "AUTHENTICATION", "QUERY"), steps(required));
            JsonNode pinned = ok(call("POST", "/datasources/test", with(base, "tls",
                    Map.of("mode", "VERIFY_FULL", "caCertificate", tls.certificatePem))), 200);
            assertTrue(pinned.toString(), pinned.get("ok").asBoolean());
            JsonNode untrusted = ok(call("POST", "/datasources/test", with(base, "tls", Map.of("mode", "VERIFY_CA"))), 200);
            assertEquals(untrusted.toString(), "TLS", lastStep(untrusted).get("step").asText());
            assertFalse(lastStep(untrusted).get("ok").asBoolean());
            // The certificate names localhost and 127.0.0.1, not this other name for the same host.
            JsonNode otherName = ok(call("POST", "/datasources/test", with(with(base, "host", "127.0.0.2"), "tls",
                    Map.of("mode", "VERIFY_FULL", "caCertificate", tls.certificatePem))), 200);
            assertEquals(otherName.toString(), List.of("DNS", "TCP", "TLS!"), steps(otherName));
            JsonNode saved = ok(call("POST", "/datasources", with(with(base, "name", "TLS " + SUFFIX), "tls",
                    Map.of("mode", "VERIFY_FULL", "caCertificate", tls.certificatePem))), 201);
            assertEquals("VERIFY_FULL", saved.get("tls").get("mode").asText());
            assertTrue(ok(call("POST", "/datasources/" + saved.get("id").asText() + "/test", null), 200).get("ok").asBoolean());
        }
    }

    /**
     * A client certificate and key (DS-3): pgjdbc loads Sightline's in-memory TLS factory inside
     * OSGi, the key is stored only in the vault and never shown, and other drivers refuse one.
     */
    @Test
    public void postgresqlWithAClientCertificate() throws Exception {
        try (ClientCertificatePostgres pg = ClientCertificatePostgres.start()) {
            String key = pg.read("ann.key");
            Map<String, Object> ann = new HashMap<>(postgres("Cert " + SUFFIX));
            ann.putAll(Map.of("port", pg.port, "database", "postgres", "user", "ann", "password", ""));
            Map<String, Object> tls = Map.of("mode", "VERIFY_FULL", "caCertificate", pg.read("ca.crt"),
                    "clientCertificate", pg.read("ann.crt"), "clientKey", key);
            HttpResponse<String> created = call("POST", "/datasources", with(ann, "tls", tls));
            JsonNode saved = ok(created, 201);
            assertFalse("the key is never shown", created.body().contains("PRIVATE KEY"));
            assertTrue(saved.get("tls").get("clientKey").get("set").asBoolean());
            String id = saved.get("id").asText();
            JsonNode test = ok(call("POST", "/datasources/" + id + "/test", null), 200);
            assertTrue(test.toString(), test.get("ok").asBoolean());
            JsonNode who = ok(call("POST", "/queries", Map.of("dataSourceId", id, "sql",
                    "SELECT current_user AS who, ssl, client_dn FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                    "useCache", false)), 200);
            assertEquals(who.toString(), "ann", who.get("rows").get(0).get(0).asText());
            assertEquals("/CN=ann", who.get("rows").get(0).get(2).asText());

            Map<String, Object> noCertificate = Map.of("mode", "VERIFY_FULL", "caCertificate", pg.read("ca.crt"));
            JsonNode refused = ok(call("POST", "/datasources/test", with(ann, "tls", noCertificate)), 200);
            assertFalse(refused.toString(), refused.get("ok").asBoolean());
            Map<String, Object> mismatch = Map.of("mode", "VERIFY_FULL", "caCertificate", pg.read("ca.crt"),
                    "clientCertificate", pg.read("ann.crt"), "clientKey", pg.read("bob.key"));
            error(call("PUT", "/datasources/" + id, with(ann, "tls", mismatch)), 400, "tls.clientKey");
            error(call("POST", "/datasources/test", with(mariadb("Maria cert", "root", ""), "tls", Map.of("mode", "REQUIRE",
                    "clientCertificate", pg.read("ann.crt"), "clientKey", key))), 400, "tls.clientKey");

            String keyLine = key.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
            assertFalse(ok(call("GET", "/audit?limit=200", null), 200).toString().contains(keyLine));
            assertFalse("the key is not in the server log",
                    Files.readString(api.server.home.resolve("data/log/karaf.log")).contains(keyLine));
        }
    }

    @Test
    public void membersListButOnlyAdminsManage() throws Exception {
        String memberEmail = newEmail("mia");
        ok(api.call("POST", "/orgs/" + org(owner) + "/members", Map.of("email", memberEmail, "role", "MEMBER"), token(owner)), 202);
        ok(api.call("POST", "/auth/invitation", Map.of("token", api.linkToken(memberEmail, "invitation"), "displayName", "Mia",
                "password", PASSWORD), null), 200);
        String member = token(api.login(memberEmail, PASSWORD));
        ok(api.call("GET", "/datasources", null, member), 200);
        ok(api.call("GET", "/drivers", null, member), 200);
        error(api.call("POST", "/datasources", postgres("Nope"), member), 403, null);
        error(api.call("POST", "/datasources/test", postgres("Nope"), member), 403, null);
        JsonNode addresses = ok(api.call("GET", "/datasources/outbound-addresses", null, member), 200);
        assertTrue(addresses.get("addresses").isArray());
        // Another organization sees none of these.
        JsonNode stranger = api.owner("sam");
        assertEquals(0, ok(api.call("GET", "/datasources", null, token(stranger)), 200).size());
    }

    @Test
    public void aDriverModuleIsRemovedAndInstalledWhileAnotherDataSourceKeepsAnswering() throws Exception {
        String pgId = ok(call("POST", "/datasources", postgres("Steady " + SUFFIX)), 201).get("id").asText();
        String mariaId = ok(call("POST", "/datasources", mariadb("Swapped " + SUFFIX, MARIA_RO, MARIA_RO_PASSWORD)), 201)
                .get("id").asText();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger served = new AtomicInteger();
        ExecutorService load = Executors.newSingleThreadExecutor();
        Future<List<String>> failures = load.submit(() -> {
            List<String> failed = new ArrayList<>();
            while (running.get()) {
                HttpResponse<String> r = call("POST", "/datasources/" + pgId + "/schema/refresh", null);
                if (r.statusCode() != 200) {
                    failed.add(r.statusCode() + " " + r.body());
                }
                served.incrementAndGet();
            }
            return failed;
        });
        try {
            String out = api.server.console("feature:uninstall --no-auto-refresh sightline-driver-mariadb");
            assertFalse(out, out.toLowerCase().contains("error"));
            awaitDriver("mariadb", false);
            JsonNode swapped = ok(call("GET", "/datasources/" + mariaId, null), 200);
            assertFalse(swapped.get("driverAvailable").asBoolean());
            error(call("POST", "/datasources/" + mariaId + "/test", null), 400, "driver");

            api.server.console("feature:install --no-auto-refresh sightline-driver-mariadb");
            awaitDriver("mariadb", true);
            assertTrue(ok(call("POST", "/datasources/" + mariaId + "/test", null), 200).get("ok").asBoolean());

            // An upgrade in place: the bundle is replaced by (here) the same build; its pools close and reopen.
            String updated = api.server.console("bundle:update io.sightline.driver.mariadb");
            assertFalse(updated, updated.toLowerCase().contains("error"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String afterUpdate = "";
            while (System.nanoTime() < deadline) {
                HttpResponse<String> r = call("POST", "/datasources/test", mariadb("x", MARIA_RO, MARIA_RO_PASSWORD));
                afterUpdate = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200 && r.body().startsWith("{\"ok\":true")) {
                    break;
                }
                Thread.sleep(200); // the updated bundle registers its driver again
            }
            assertTrue("the updated driver works: " + afterUpdate, afterUpdate.startsWith("200 {\"ok\":true"));
        } finally {
            running.set(false);
        }
        List<String> failed = failures.get(60, TimeUnit.SECONDS);
        load.shutdown();
        assertTrue("requests on the PostgreSQL data source failed during the swap: " + failed, failed.isEmpty());
        assertTrue("the load ran during the swap: " + served.get(), served.get() > 5);
    }

    @Test
    public void anAdminAddsTestsAndBrowsesADataSourceInTheBrowser() throws Exception {
        ChromeDriver browser = browsers.open();
        signIn(browser, api.server.httpsBase(), owner.get("user").get("email").asText(), PASSWORD);
        browser.get(api.server.httpsBase() + "/datasources/new");
        visible(browser, "datasource-form");
        type(browser, "ds-name", "Browser PG " + SUFFIX);
        new Select(browser.findElement(testId("ds-driver"))).selectByValue("postgresql");
        type(browser, "ds-host", "127.0.0.1");
        type(browser, "ds-port", "5432");
        type(browser, "ds-database", "test");
        type(browser, "ds-user", "postgres");
        type(browser, "ds-password", "browser-secret-" + SUFFIX);
        click(browser, "ds-tls-mode-DISABLE");
        click(browser, "ds-test");
        WebElement result = visible(browser, "test-result");
        new WebDriverWait(browser, WAIT).until(d -> d.findElements(testId("test-step")).size() >= 4);
        assertTrue(result.getText(), result.getText().contains("PostgreSQL"));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", result);
        screenshot(browser, "datasources-01-form-and-test.png");

        click(browser, "ds-save");
        new WebDriverWait(browser, WAIT).until(d -> d.getCurrentUrl().matches(".*/datasources/[0-9a-f-]{36}$"));
        String id = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
        // The metadata read right after saving says that postgres can write (DS-6).
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", visible(browser, "ds-write-warning"));
        screenshot(browser, "datasources-02-saved-with-write-warning.png");
        awaitSchema(id);
        browser.get(api.server.httpsBase() + "/datasources/" + id + "/schema");
        visible(browser, "schema-search").sendKeys("orders");
        new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(testId("schema-table-name")).stream().anyMatch(t -> t.getText().equals("orders")));
        screenshot(browser, "datasources-03-schema-browser.png");

        browser.get(api.server.httpsBase() + "/datasources");
        new WebDriverWait(browser, WAIT).until(d -> d.findElements(testId("datasource-row")).size() >= 1);
        visible(browser, "outbound-panel");
        visible(browser, "write-warning"); // postgres can write: the list says so (DS-6)
        screenshot(browser, "datasources-04-list.png");
        assertFalse(browser.getPageSource().contains("browser-secret-" + SUFFIX));
    }

    private static void awaitDriver(String id, boolean present) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            boolean found = ok(call("GET", "/drivers", null), 200).toString().contains("\"" + id + "\"");
            if (found == present) {
                return;
            }
            Thread.sleep(200); // the driver service comes and goes with its feature
        }
        throw new AssertionError("driver " + id + (present ? " did not appear" : " did not go") + " within 60 s");
    }
}
