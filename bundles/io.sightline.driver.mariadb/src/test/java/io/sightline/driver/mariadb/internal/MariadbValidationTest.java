package io.sightline.driver.mariadb.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.sightline.api.driver.ConnectionSpec;
import io.sightline.api.driver.InvalidConnectionOptionException;
import io.sightline.api.driver.TlsSettings;
import io.sightline.driver.support.TestCertificates;

/** DS-1, DS-7: the allow-list of options and the checks of the fields. */
class MariadbValidationTest {
    private final MariadbDriver driver = new MariadbDriver();

    static ConnectionSpec spec(Map<String, String> options) {
        return new ConnectionSpec("db.example.com", 3306, "sales", "ann", options, null, null);
    }

    private InvalidConnectionOptionException refused(ConnectionSpec spec) {
        InvalidConnectionOptionException e = assertThrows(InvalidConnectionOptionException.class,
                () -> driver.validate(spec, false));
        InvalidConnectionOptionException again = assertThrows(InvalidConnectionOptionException.class,
                () -> driver.validate(spec, true));
        assertEquals(e.option(), again.option());
        assertEquals(e.getMessage(), again.getMessage());
        return e;
    }

    private InvalidConnectionOptionException refusedOption(String name, String value) {
        InvalidConnectionOptionException e = refused(spec(Map.of(name, value)));
        assertEquals(name, e.option());
        assertFalse(e.getMessage().isBlank());
        assertFalse(e.getMessage().replace(name, "").contains("Exception"), e.getMessage());
        return e;
    }

    @Test
    void identity() {
        assertEquals("mariadb", driver.id());
        assertEquals("MariaDB / MySQL", driver.displayName());
        assertEquals(3306, driver.defaultPort());
    }

    @Test
    void everyAllowedOptionHasAOneLineDescription() {
        Map<String, String> options = driver.allowedOptions();
        assertTrue(options.size() >= 10, options.toString());
        options.forEach((name, description) -> {
            assertFalse(description.isBlank(), name);
            assertFalse(description.contains("\n"), name);
            assertTrue(description.length() < 140, name + ": " + description.length());
        });
        assertThrows(UnsupportedOperationException.class, () -> options.put("allowLocalInfile", "true"));
    }

    @Test
    void aPlainSpecPasses() {
        assertDoesNotThrow(() -> driver.validate(spec(Map.of()), false));
        assertDoesNotThrow(() -> driver.validate(spec(Map.of(
                "useCompression", "true", "connectionCollation", "utf8mb4_unicode_ci", "connectionTimeZone", "Europe/Berlin",
                "forceConnectionTimeZoneToSession", "false", "preserveInstants", "true", "defaultFetchSize", "500",
                "useServerPrepStmts", "true", "cachePrepStmts", "false", "prepStmtCacheSize", "100",
                "tinyInt1isBit", "false")), false));
        assertDoesNotThrow(() -> driver.validate(spec(Map.of("transformedBitIsBoolean", "true", "yearIsDateType", "false",
                "uuidAsString", "true", "tcpKeepAlive", "false", "restrictedAuth", "client_ed25519,mysql_native_password",
                "allowPublicKeyRetrieval", "true", "connectionTimeZone", "+02:00")), false));
        assertDoesNotThrow(() -> driver.validate(spec(Map.of("connectionTimeZone", "SERVER")), false));
    }

    @Test
    void theRequiredRefusalsSayWhy() {
        assertEquals("allowLoadLocalInfile lets LOAD DATA LOCAL INFILE send files of the Sightline server to the database; "
                + "Sightline does not allow that.", refusedOption("allowLoadLocalInfile", "true").getMessage());
        assertTrue(refusedOption("allowLocalInfile", "true").getMessage().contains("LOAD DATA LOCAL INFILE"));
        // Connector/J reads property names without regard to case; Sightline refuses every spelling
        assertTrue(refusedOption("AllowLocalInfile", "true").getMessage().contains("LOAD DATA LOCAL INFILE"));
        assertTrue(refusedOption("ALLOWMULTIQUERIES", "true").getMessage().contains("several statements"));
        assertTrue(refusedOption("autoDeserialize", "true").getMessage().contains("run code"));
        assertTrue(refusedOption("serverSslCert", "/etc/ssl/ca.pem").getMessage().contains("paste the certificate authority"));
        assertEquals("socketFactory names a Java class for the driver to load and run inside the Sightline server; "
                + "Sightline does not allow that.", refusedOption("socketFactory", "org.example.Evil").getMessage());
        assertTrue(refusedOption("allowMultiQueries", "true").getMessage().contains("several statements"));
        assertTrue(refusedOption("sessionVariables", "tx_read_only=0").getMessage().contains("read-only"));
        assertTrue(refusedOption("initSql", "SET SESSION TRANSACTION READ WRITE").getMessage().contains("read-only"));
        assertTrue(refusedOption("credentialType", "ENV").getMessage().contains("environment"));
        assertTrue(refusedOption("keyStore", "/home/x/keys.p12").getMessage().contains("file"));
        assertTrue(refusedOption("trustStore", "/home/x/trust.p12").getMessage().contains("file"));
        assertTrue(refusedOption("localSocket", "/run/mysqld/mysqld.sock").getMessage().contains("file"));
        assertTrue(refusedOption("tlsSocketType", "x").getMessage().contains("Java class"));
        assertTrue(refusedOption("sslMode", "trust").getMessage().contains("TLS settings"));
        assertTrue(refusedOption("connectTimeout", "0").getMessage().contains("connect timeout"));
        assertTrue(refusedOption("password", "x").getMessage().contains("password field"));
        assertTrue(refusedOption("database", "other").getMessage().contains("own field"));
        assertTrue(refusedOption("permitRedirect", "true").getMessage().contains("another host"));
        assertTrue(refusedOption("createDatabaseIfNotExist", "true").getMessage().contains("creates databases"));
        assertTrue(refusedOption("zeroDateTimeBehavior", "convertToNull").getMessage().contains("ignores"));
        assertTrue(refusedOption("pool", "true").getMessage().contains("pools"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"haMode", "serverRsaPublicKeyFile", "useBulkStmts", "rewriteBatchedStatements",
        "dumpQueriesOnException", "maxQuerySizeToLog", "useSSL", "includeThreadDumpInDeadlockExceptions"})
    void otherConnectorJPropertiesAreRefused(String name) {
        refusedOption(name, "true");
    }

    @Test
    void unknownOptionsAreRefusedWithTheAllowList() {
        InvalidConnectionOptionException e = refusedOption("frobnicate", "1");
        assertTrue(e.getMessage().startsWith("frobnicate is not an option Sightline allows for MariaDB / MySQL. Allowed "
                + "options: useCompression, connectionCollation"), e.getMessage());
        assertEquals("usecompression: write it as useCompression; Sightline matches option names exactly.",
                refusedOption("usecompression", "true").getMessage());
    }

    @Test
    void valuesAreChecked() {
        assertEquals("useCompression must be true or false.", refusedOption("useCompression", "1").getMessage());
        assertEquals("defaultFetchSize must be a whole number from 0 to 1000000.",
                refusedOption("defaultFetchSize", "-5").getMessage());
        refusedOption("prepStmtCacheSize", "10001");
        refusedOption("connectionCollation", "utf8mb4_bin; SET x=1");
        refusedOption("connectionTimeZone", "Mars/Olympus");
        refusedOption("restrictedAuth", "mysql_native_password,evil");
        assertEquals("tcpKeepAlive needs a value.", refusedOption("tcpKeepAlive", "").getMessage());
    }

    /** The shared field checks (ConnectionSpecChecksTest) with MariaDB's limits: databases 64, users 80 characters. */
    @Test
    void fieldsAreChecked() {
        assertField("host", new ConnectionSpec("", 3306, "d", "u", null, null, null));
        assertField("host", new ConnectionSpec("address=(host=evil)(port=1)", 3306, "d", "u", null, null, null));
        assertField("host", new ConnectionSpec("a,b", 3306, "d", "u", null, null, null));
        assertField("port", new ConnectionSpec("h", 70000, "d", "u", null, null, null));
        assertEquals("Enter the database name.", assertField("database", new ConnectionSpec("h", 1, "", "u", null, null, null)));
        assertField("database", new ConnectionSpec("h", 1, "d".repeat(65), "u", null, null, null));
        assertEquals("Enter the user name.", assertField("user", new ConnectionSpec("h", 1, "d", null, null, null, null)));
        assertField("user", new ConnectionSpec("h", 1, "d", "u".repeat(81), null, null, null));
        assertField("connectTimeout", new ConnectionSpec("h", 1, "d", "u", null, null, Duration.ZERO));
        assertField("caCertificatePem", new ConnectionSpec("h", 1, "d", "u", null,
                new TlsSettings(TlsSettings.Mode.VERIFY_FULL, "/etc/ssl/ca.pem"), null));
        assertDoesNotThrow(() -> driver.validate(new ConnectionSpec("::1", 3306, "d".repeat(64), "u".repeat(80), null,
                new TlsSettings(TlsSettings.Mode.VERIFY_FULL, TestCertificates.CA_PEM), null), false));
    }

    private String assertField(String field, ConnectionSpec spec) {
        InvalidConnectionOptionException e = refused(spec);
        assertEquals(field, e.option(), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aTlsClientCertificateIsRefusedOnTheClientKey() {
        ConnectionSpec spec = new ConnectionSpec("db.example.com", 3306, "sales", "ann", Map.of(),
                new TlsSettings(TlsSettings.Mode.VERIFY_FULL, null, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"), null);
        InvalidConnectionOptionException e = assertThrows(InvalidConnectionOptionException.class,
                () -> driver.validate(spec, false));
        assertEquals("clientKey", e.option());
        assertEquals("MariaDB and MySQL data sources cannot use a TLS client certificate: client certificates are supported "
                + "for PostgreSQL only for now.", e.getMessage());
        assertFalse(driver.supportsTlsClientCertificate());
    }
}
