package io.sightline.datasource.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.sightline.api.driver.DatabaseDriver;
import io.sightline.api.driver.TlsSettings;
import io.sightline.api.driver.TlsSettings.Mode;
import io.sightline.api.rest.ApiException;

/** The TLS input of the data source API (DS-3, V-2): client certificate and key checks, and what is shown. */
class TlsInputTest {
    @TempDir
    static Path dir;
    private static String cert;
    private static String key;
    private static String otherKey;
    private static String otherCert;
    private static String encryptedKey;

    private static final DatabaseDriver POSTGRESQL = driver("PostgreSQL", true);
    private static final DatabaseDriver MARIADB = driver("MariaDB / MySQL", false);

    @BeforeAll
    static void makeKeys() throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=ann",
                "-keyout", "ann.key", "-out", "ann.crt");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=bob",
                "-keyout", "bob.key", "-out", "bob.crt");
        openssl("pkcs8", "-topk8", "-in", "ann.key", "-passout", "pass:secret", "-out", "ann-encrypted.key");
        cert = read("ann.crt");
        key = read("ann.key");
        otherKey = read("bob.key");
        otherCert = read("bob.crt");
        encryptedKey = read("ann-encrypted.key");
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + output);
    }

    private static String read(String name) throws IOException {
        return Files.readString(dir.resolve(name), StandardCharsets.US_ASCII);
    }

    /** A driver that answers only its name and whether it supports client certificates. */
    private static DatabaseDriver driver(String name, boolean clientCertificates) {
        return (DatabaseDriver) Proxy.newProxyInstance(TlsInputTest.class.getClassLoader(), new Class<?>[] {DatabaseDriver.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "displayName" -> name;
                    case "supportsTlsClientCertificate" -> clientCertificates;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static DataSourceInput.Tls tls(String mode, String clientCertificate, String clientKey) {
        return new DataSourceInput.Tls(mode, null, clientCertificate, clientKey);
    }

    private static final Supplier<char[]> NOTHING_STORED = () -> null;

    private static ApiException refused(String field, Runnable r) {
        ApiException e = assertThrows(ApiException.class, r::run);
        assertEquals(400, e.status());
        assertEquals(field, e.field(), e.getMessage());
        assertFalse(e.getMessage().contains(key.lines().skip(1).findFirst().orElseThrow()), "never quotes the key");
        return e;
    }

    @Test
    void aCertificateWithItsKeyIsAccepted() {
        TlsSettings tls = TlsInput.settings(tls("verify-full", cert, key), POSTGRESQL, null, NOTHING_STORED);
        assertEquals(new TlsSettings(Mode.VERIFY_FULL, null, cert.strip()), tls);
        assertFalse(tls.toString().contains("PRIVATE"), "the settings never hold the key");
        // a key kept in the vault serves when none is typed, and its array is cleared
        char[] stored = key.toCharArray();
        assertEquals(tls, TlsInput.settings(tls("VERIFY_FULL", cert, null), POSTGRESQL, null, () -> stored));
        assertEquals('\0', stored[0]);
        assertEquals(TlsSettings.DISABLED, TlsInput.settings(null, MARIADB, null, NOTHING_STORED));
        assertEquals(new TlsSettings(Mode.REQUIRE, null, null), TlsInput.settings(tls("require", null, null), MARIADB, null, NOTHING_STORED));
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        assertEquals("The private key does not belong to the client certificate: paste the key that was created with "
                + "this certificate.", refused("tls.clientKey",
                        () -> TlsInput.settings(tls("verify-full", cert, otherKey), POSTGRESQL, null, NOTHING_STORED)).getMessage());
        // a new certificate that the stored key does not sign for
        refused("tls.clientCertificate", () -> TlsInput.settings(tls("verify-full", otherCert, null), POSTGRESQL, cert,
                () -> key.toCharArray()));
    }

    @Test
    void badPemIsRefusedOnItsField() {
        refused("tls.clientCertificate", () -> TlsInput.settings(tls("require", "not a certificate", key), POSTGRESQL, null, NOTHING_STORED));
        refused("tls.clientCertificate", () -> TlsInput.settings(tls("require",
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", key), POSTGRESQL, null, NOTHING_STORED));
        var keyInCertificateField = refused("tls.clientCertificate", () -> TlsInput.settings(tls("require", cert + key, key),
                POSTGRESQL, null, NOTHING_STORED));
        assertTrue(keyInCertificateField.getMessage().contains("certificate only"));
        refused("tls.caCertificate", () -> TlsInput.settings(new DataSourceInput.Tls("verify-ca", cert + key, null, null),
                POSTGRESQL, null, NOTHING_STORED));
        refused("tls.clientKey", () -> TlsInput.settings(tls("require", cert, "hunter2"), POSTGRESQL, null, NOTHING_STORED));
        refused("tls.clientKey", () -> TlsInput.settings(tls("require", cert, key.substring(0, 200)), POSTGRESQL, null, NOTHING_STORED));
        assertTrue(refused("tls.clientKey", () -> TlsInput.settings(tls("require", cert, encryptedKey), POSTGRESQL, null,
                NOTHING_STORED)).getMessage().contains("openssl pkcs8 -topk8 -nocrypt"));
        refused("tls.mode", () -> TlsInput.settings(tls("prefer", null, null), POSTGRESQL, null, NOTHING_STORED));
    }

    @Test
    void certificateAndKeyGoTogether() {
        refused("tls.clientKey", () -> TlsInput.settings(tls("require", cert, null), POSTGRESQL, null, NOTHING_STORED));
        refused("tls.clientKey", () -> TlsInput.settings(tls("require", cert, ""), POSTGRESQL, cert, () -> key.toCharArray()));
        refused("tls.clientCertificate", () -> TlsInput.settings(tls("require", null, key), POSTGRESQL, null, NOTHING_STORED));
        // removing both is fine; the key goes when the certificate does (DataSourceService.writeSecrets)
        assertNull(TlsInput.settings(tls("require", "", ""), POSTGRESQL, cert, () -> key.toCharArray()).clientCertificatePem());
        assertNull(TlsInput.settings(tls("require", "", null), POSTGRESQL, cert, () -> key.toCharArray()).clientCertificatePem());
    }

    @Test
    void aClientThatLeavesTheCertificateOutKeepsIt() {
        // e.g. a UI that does not know the field yet, or a request without "tls" at all
        assertEquals(new TlsSettings(Mode.VERIFY_CA, null, cert), TlsInput.settings(new DataSourceInput.Tls("verify-ca",
                null, null, null), POSTGRESQL, cert, () -> key.toCharArray()));
        TlsSettings off = TlsInput.settings(null, POSTGRESQL, cert, () -> key.toCharArray());
        assertEquals(new TlsSettings(Mode.DISABLE, null, cert), off);
        assertFalse(off.hasClientCertificate(), "kept, but not used without TLS");
        // but the stored key must still belong to it
        refused("tls.clientKey", () -> TlsInput.settings(tls("require", null, null), POSTGRESQL, cert, NOTHING_STORED));
    }

    @Test
    void driversWithoutClientCertificatesRefuseTheKey() {
        assertEquals("MariaDB / MySQL data sources cannot use a TLS client certificate: client certificates are "
                + "supported for PostgreSQL only for now.", refused("tls.clientKey",
                        () -> TlsInput.settings(tls("verify-full", cert, key), MARIADB, null, NOTHING_STORED)).getMessage());
    }

    @Test
    void theKeyIsNeverShownNorPrinted() throws Exception {
        String json = DataSourceService.JSON.writeValueAsString(DataSourceResource.tlsView(
                new TlsSettings(Mode.VERIFY_FULL, null, cert), true));
        JsonNode view = DataSourceService.JSON.readTree(json);
        assertEquals("VERIFY_FULL", view.get("mode").asText());
        assertEquals(cert, view.get("clientCertificate").asText(), "the certificate is public");
        assertEquals("{\"set\":true}", view.get("clientKey").toString());
        assertFalse(json.contains("PRIVATE KEY"), json);
        assertEquals("{\"set\":false}", DataSourceService.JSON.readTree(DataSourceService.JSON.writeValueAsString(
                DataSourceResource.tlsView(TlsSettings.DISABLED, false))).get("clientKey").toString());

        // the request as Jackson reads it, and how it prints
        String body = DataSourceService.JSON.writeValueAsString(java.util.Map.of("name", "Sales", "driver", "postgresql",
                "tls", java.util.Map.of("mode", "verify-full", "clientCertificate", cert, "clientKey", key)));
        DataSourceInput input = DataSourceService.JSON.readValue(body, DataSourceInput.class);
        assertEquals(key, input.tls().clientKey());
        assertEquals(cert, input.tls().clientCertificate());
        String printed = input + " " + input.tls();
        assertFalse(printed.contains("PRIVATE"), printed);
        assertFalse(printed.contains(key.lines().skip(1).findFirst().orElseThrow()), printed);
    }
}
