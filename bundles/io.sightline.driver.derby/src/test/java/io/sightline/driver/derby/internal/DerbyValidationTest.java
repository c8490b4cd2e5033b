package io.sightline.driver.derby.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.sightline.api.driver.ConnectionSpec;
import io.sightline.api.driver.InvalidConnectionOptionException;
import io.sightline.api.driver.TlsSettings;
import io.sightline.api.driver.TlsSettings.Mode;

/** What a Derby data source may say (DS-7), without a server. */
class DerbyValidationTest {
    private final DerbyDriver driver = new DerbyDriver();

    private static ConnectionSpec spec(String host, int port, String database, String user, Map<String, String> options,
            TlsSettings tls) {
        return new ConnectionSpec(host, port, database, user, options, tls, null);
    }

    private static ConnectionSpec withOptions(Map<String, String> options) {
        return spec("db.example.com", 1527, "sales", "ann", options, null);
    }

    private InvalidConnectionOptionException refused(ConnectionSpec spec) {
        return assertThrows(InvalidConnectionOptionException.class, () -> driver.validate(spec, false));
    }

    @Test
    void identity() {
        assertEquals("derby", driver.id());
        assertEquals("Apache Derby", driver.displayName());
        assertEquals(1527, driver.defaultPort());
    }

    @Test
    void aPlainNetworkDataSourceIsValid() {
        driver.validate(spec("db.example.com", 1527, "sales", "ann", Map.of(), null), false);
        driver.validate(spec("10.0.0.7", 1, "/var/derby/sales", "ann", Map.of("retrieveMessageText", "false"), null),
                false);
        driver.validate(spec("::1", 65535, "app/sales-2024.db", "ann", Map.of(), null), false);
        driver.validate(spec("[fe80::1]", 1527, "sales", "Ann Smith", Map.of(), null), false);
    }

    @Test
    void everyAllowedOptionHasADescription() {
        assertEquals(java.util.List.of("retrieveMessageText", "create"), java.util.List.copyOf(driver.allowedOptions().keySet()));
        driver.allowedOptions().values().forEach(d -> assertFalse(d.isBlank()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "create|true|does not create databases",
        "restoreFrom|/var/backups/sales|file system",
        "createFrom|/var/backups/sales|file system",
        "rollForwardRecoveryFrom|/var/backups/sales|file system",
        "traceFile|/tmp/trace.log|trace file",
        "traceDirectory|/tmp|trace file",
        "traceLevel|-1|trace file",
        "logDevice|/mnt/log|file system",
        "bootPassword|secret-boot-pw|secrets",
        "dataEncryption|true|secrets",
        "shutdown|true|Shuts the database",
        "deregister|false|Shuts",
        "upgrade|true|cannot be undone",
        "ssl|basic|TLS setting",
        "password|x|password fields",
        "securityMechanism|8|TLS",
        "loginTimeout|0|connect timeout",
        "startSlave|true|Replication",
        "territory|de_DE|created",
        "CREATE|true|not a Derby option",
        "socketFactory|x|not a Derby option",
    })
    void refusedOptionsAreNamed(String option, String value, String reason) {
        InvalidConnectionOptionException e = refused(withOptions(Map.of(option, value)));
        assertEquals(option, e.option());
        assertTrue(e.getMessage().contains(option), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertFalse(e.getMessage().contains("secret-boot-pw"), "a refused value is not echoed");
    }

    @Test
    void optionValuesAreChecked() {
        assertEquals("retrieveMessageText", refused(withOptions(Map.of("retrieveMessageText", "yes"))).option());
        assertEquals("create", refused(withOptions(Map.of("create", "/tmp/x"))).option());
        driver.validate(withOptions(Map.of("create", "false", "retrieveMessageText", "TRUE")), false);
    }

    @Test
    void theFirstRefusedOptionIsNamedInOrder() {
        assertEquals("logDevice", refused(withOptions(Map.of("traceFile", "x", "logDevice", "y"))).option());
    }

    /** The shared field checks (ConnectionSpecChecksTest), with Derby's user names of at most 128 characters. */
    @Test
    void fieldsAreChecked() {
        assertEquals("host", refused(spec("db.example.com:1527", 1527, "sales", "ann", Map.of(), null)).option());
        assertEquals("host", refused(spec("fe80::1%eth0", 1527, "sales", "ann", Map.of(), null)).option());
        assertEquals("port", refused(spec("db", 0, "sales", "ann", Map.of(), null)).option());
        assertEquals("user", refused(spec("db", 1527, "sales", null, Map.of(), null)).option());
        assertEquals("user", refused(spec("db", 1527, "sales", "ann\nsmith", Map.of(), null)).option());
        assertEquals("user", refused(spec("db", 1527, "sales", "a".repeat(129), Map.of(), null)).option());
        driver.validate(spec("db", 1527, "sales", "a".repeat(128), Map.of(), null), false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sales;create=true", "sales;restoreFrom=/tmp/b", "memory:sales", "jar:(/x.jar)db",
        "classpath:db", "../sales", "a/../../sales", "a/./b", "sales db", "C:\\derby\\sales", "a//b", "~/sales", "sales/",
        ".hidden"})
    void badDatabaseNamesAreRefused(String database) {
        assertEquals("database", refused(spec("db", 1527, database, "ann", Map.of(), null)).option(), database);
    }

    @Test
    void tlsModesTheClientCannotHonourAreRefused() {
        driver.validate(spec("db", 1527, "sales", "ann", Map.of(), new TlsSettings(Mode.REQUIRE, null)), false);
        driver.validate(spec("db", 1527, "sales", "ann", Map.of(), new TlsSettings(Mode.VERIFY_CA, null)), false);
        InvalidConnectionOptionException full = refused(spec("db", 1527, "sales", "ann", Map.of(),
                new TlsSettings(Mode.VERIFY_FULL, null)));
        assertEquals("tls", full.option());
        assertTrue(full.getMessage().contains("verify-full"), full.getMessage());
        InvalidConnectionOptionException ca = refused(spec("db", 1527, "sales", "ann", Map.of(),
                new TlsSettings(Mode.VERIFY_CA, "-----BEGIN CERTIFICATE-----\n...")));
        assertEquals("tls", ca.option());
        assertTrue(ca.getMessage().contains("trust store"), ca.getMessage());
    }

    @Test
    void dataSourceChecksTheSpecToo() {
        assertThrows(InvalidConnectionOptionException.class,
                () -> driver.dataSource(withOptions(Map.of("traceFile", "/tmp/x")), () -> null));
    }

    /** Sql (SqlTest) with the standard's double quote and FETCH FIRST. */
    @Test
    void quotingAndLimits() {
        assertEquals("\"a\"\"b\"", driver.quoteIdentifier("a\"b"));
        assertEquals("SELECT * FROM (\nSELECT 1 FROM T\n) AS sightline_limited FETCH FIRST 5 ROWS ONLY",
                driver.limitRows("SELECT 1 FROM T ; ; \n", 5));
        assertThrows(IllegalArgumentException.class, () -> driver.limitRows("SELECT 1", 0));
    }

    @Test
    void aTlsClientCertificateIsRefusedOnTheClientKey() {
        ConnectionSpec spec = new ConnectionSpec("db.example.com", 1527, "sales", "ann", Map.of(),
                new TlsSettings(TlsSettings.Mode.REQUIRE, null, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"), null);
        InvalidConnectionOptionException e = assertThrows(InvalidConnectionOptionException.class,
                () -> driver.validate(spec, false));
        assertEquals("clientKey", e.option());
        assertEquals("Derby data sources cannot use a TLS client certificate: client certificates are supported "
                + "for PostgreSQL only for now.", e.getMessage());
        assertFalse(driver.supportsTlsClientCertificate());
    }
}
