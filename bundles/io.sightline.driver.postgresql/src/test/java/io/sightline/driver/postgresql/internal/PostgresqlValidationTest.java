package io.sightline.driver.postgresql.internal;

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
class PostgresqlValidationTest {
    private final PostgresqlDriver driver = new PostgresqlDriver();

    static ConnectionSpec spec(Map<String, String> options) {
        return new ConnectionSpec("db.example.com", 5432, "sales", "ann", options, null, null);
    }

    private InvalidConnectionOptionException refused(ConnectionSpec spec) {
        InvalidConnectionOptionException e = assertThrows(InvalidConnectionOptionException.class,
                () -> driver.validate(spec, false));
        // operator-defined data sources get no more from a network driver
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
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        return e;
    }

    @Test
    void identity() {
        assertEquals("postgresql", driver.id());
        assertEquals("PostgreSQL", driver.displayName());
        assertEquals(5432, driver.defaultPort());
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
        assertThrows(UnsupportedOperationException.class, () -> options.put("socketFactory", "x"));
    }

    @Test
    void aPlainSpecPasses() {
        assertDoesNotThrow(() -> driver.validate(spec(Map.of()), false));
        assertDoesNotThrow(() -> driver.validate(spec(Map.of(
                "ApplicationName", "Sightline reports", "currentSchema", "sales, \"Odd Schema\", public",
                "defaultRowFetchSize", "1000", "prepareThreshold", "0", "preparedStatementCacheQueries", "64",
                "binaryTransfer", "false", "stringtype", "unspecified", "tcpKeepAlive", "true",
                "cancelSignalTimeout", "5", "logServerErrorDetail", "false")), false));
        assertDoesNotThrow(() -> driver.validate(spec(Map.of(
                "channelBinding", "require", "requireAuth", "scram-sha-256", "prepareThreshold", "1000")), false));
        assertDoesNotThrow(() -> driver.validate(spec(Map.of("requireAuth", "!password, !md5")), false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"socketFactory", "socketFactoryArg", "sslfactory", "sslfactoryarg", "sslhostnameverifier",
        "sslpasswordcallback", "authenticationPluginClassName", "connectExecutor", "xmlFactoryFactory",
        "classLoaderStrategy"})
    void optionsThatLoadClassesAreRefused(String name) {
        assertTrue(refusedOption(name, "org.example.Evil").getMessage().contains("Java class"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"loggerFile", "sslcert", "sslkey"})
    void optionsThatNameLocalFilesAreRefused(String name) {
        assertTrue(refusedOption(name, "/etc/passwd").getMessage().contains("file on the Sightline server"));
    }

    @Test
    void theRequiredRefusalsSayWhy() {
        assertEquals("socketFactory names a Java class for the driver to load and run inside the Sightline server; "
                + "Sightline does not allow that.", refusedOption("socketFactory", "x").getMessage());
        assertEquals("sslfactory names a Java class for the driver to load and run inside the Sightline server; "
                + "Sightline does not allow that.", refusedOption("sslfactory", PostgresqlDataSource.JVM_TRUST_FACTORY)
                        .getMessage());
        assertEquals("loggerFile names a file on the Sightline server; data sources may not read or write files there.",
                refusedOption("loggerFile", "/tmp/x.log").getMessage());
        // not even the factory Sightline uses for client certificates
        assertTrue(refusedOption("sslfactory", PostgresqlDataSource.CLIENT_CERTIFICATE_FACTORY).getMessage().contains("Java class"));
        assertTrue(refusedOption("sslfactoryarg", "x").getMessage().contains("Java class"));
        assertTrue(refusedOption("sslpassword", "x") != null);
        assertTrue(refusedOption("sslrootcert", "/etc/ssl/ca.pem").getMessage().contains("paste the certificate authority"));
        assertTrue(refusedOption("sslkey", "/home/x/.postgresql/postgresql.pk8").getMessage().contains("file"));
        assertTrue(refusedOption("options", "-c default_transaction_read_only=off").getMessage().contains("read-only"));
        assertTrue(refusedOption("service", "prod").getMessage().contains("pg_service.conf"));
        assertTrue(refusedOption("readOnlyMode", "ignore").getMessage().contains("read-only"));
        assertTrue(refusedOption("readOnly", "false").getMessage().contains("read-only"));
        assertTrue(refusedOption("sslmode", "disable").getMessage().contains("TLS settings"));
        assertTrue(refusedOption("connectTimeout", "100").getMessage().contains("connect timeout"));
        assertTrue(refusedOption("socketTimeout", "0").getMessage().contains("Sightline sets socketTimeout"));
        assertTrue(refusedOption("password", "secret").getMessage().contains("password field"));
        assertTrue(refusedOption("user", "postgres").getMessage().contains("own field"));
        assertTrue(refusedOption("gssEncMode", "require").getMessage().contains("Kerberos"));
        assertTrue(refusedOption("replication", "database").getMessage().contains("replication"));
        assertTrue(refusedOption("targetServerType", "primary").getMessage().contains("one host"));
    }

    @Test
    void unknownOptionsAreRefusedWithTheAllowList() {
        InvalidConnectionOptionException e = refusedOption("frobnicate", "1");
        assertTrue(e.getMessage().startsWith("frobnicate is not an option Sightline allows for PostgreSQL. Allowed options: "
                + "ApplicationName, currentSchema"), e.getMessage());
        // names are case-sensitive in pgjdbc: a near miss is refused with a hint, never passed on
        assertTrue(refusedOption("tcpkeepalive", "true").getMessage().contains("did you mean tcpKeepAlive"));
        assertTrue(refusedOption("SocketFactory", "x").getMessage().contains("not an option Sightline allows"));
    }

    @Test
    void theFirstRefusedOptionIsNamed() {
        InvalidConnectionOptionException e = refused(spec(Map.of("tcpKeepAlive", "true", "sslkey", "a", "loggerFile", "b")));
        assertEquals("loggerFile", e.option());
    }

    @Test
    void valuesAreChecked() {
        assertEquals("tcpKeepAlive must be true or false.", refusedOption("tcpKeepAlive", "yes").getMessage());
        assertEquals("binaryTransfer must be true or false.", refusedOption("binaryTransfer", "TRUE ").getMessage());
        assertEquals("defaultRowFetchSize must be a whole number from 0 to 1000000.",
                refusedOption("defaultRowFetchSize", "-1").getMessage());
        refusedOption("defaultRowFetchSize", "1000001");
        refusedOption("defaultRowFetchSize", "ten");
        refusedOption("defaultRowFetchSize", "99999999999999999999");
        refusedOption("prepareThreshold", "-1");
        refusedOption("cancelSignalTimeout", "0");
        assertEquals("stringtype must be one of: varchar, unspecified.",
                refusedOption("stringtype", "text").getMessage());
        refusedOption("channelBinding", "maybe");
        refusedOption("requireAuth", "password,kerberos");
        refusedOption("currentSchema", "public; DROP TABLE x");
        refusedOption("currentSchema", "a".repeat(256));
        refusedOption("ApplicationName", "line\nbreak");
        refusedOption("ApplicationName", "x".repeat(64));
        assertEquals("tcpKeepAlive needs a value.", refusedOption("tcpKeepAlive", "").getMessage());
    }

    /** The shared field checks (ConnectionSpecChecksTest) with PostgreSQL's limits: names of 63 bytes. */
    @Test
    void fieldsAreChecked() {
        assertField("host", new ConnectionSpec(null, 5432, "d", "u", null, null, null));
        assertEquals("Enter the port in the port field, not after the host.",
                assertField("host", new ConnectionSpec("db.example.com:5433", 5432, "d", "u", null, null, null)));
        assertField("host", new ConnectionSpec("db?ssl=x", 5432, "d", "u", null, null, null));
        assertField("port", new ConnectionSpec("h", 0, "d", "u", null, null, null));
        assertEquals("Enter the database name.", assertField("database", new ConnectionSpec("h", 1, null, "u", null, null, null)));
        assertField("database", new ConnectionSpec("h", 1, "d".repeat(64), "u", null, null, null));
        assertEquals("The database name is longer than 63 bytes, the server's limit.",
                assertField("database", new ConnectionSpec("h", 1, "é".repeat(32), "u", null, null, null)));
        assertField("database", new ConnectionSpec("h", 1, "a\u0000b", "u", null, null, null));
        assertEquals("Enter the user name.", assertField("user", new ConnectionSpec("h", 1, "d", "", null, null, null)));
        assertField("user", new ConnectionSpec("h", 1, "d", "u".repeat(64), null, null, null));
        assertField("user", new ConnectionSpec("h", 1, "d", "é".repeat(32), null, null, null));
        assertField("connectTimeout", new ConnectionSpec("h", 1, "d", "u", null, null, Duration.ofMillis(500)));
        assertField("caCertificatePem", new ConnectionSpec("h", 1, "d", "u", null,
                new TlsSettings(TlsSettings.Mode.VERIFY_FULL, "not a certificate"), null));
        // odd but legal PostgreSQL names are fine: they are URL-encoded or sent as properties
        assertDoesNotThrow(() -> driver.validate(new ConnectionSpec("[::1]", 65535, "my db?x=1&y/z", "Ann O'Neil", null,
                new TlsSettings(TlsSettings.Mode.VERIFY_CA, TestCertificates.CA_PEM), null), false));
        assertDoesNotThrow(() -> driver.validate(new ConnectionSpec("h", 1, "d".repeat(63), "é".repeat(31), null, null,
                null), false));
    }

    private String assertField(String field, ConnectionSpec spec) {
        InvalidConnectionOptionException e = refused(spec);
        assertEquals(field, e.option(), e.getMessage());
        return e.getMessage();
    }
}
