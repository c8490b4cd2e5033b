package io.sightline.driver.postgresql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverPropertyInfo;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sightline.api.driver.ConnectionSpec;
import io.sightline.api.driver.TlsSettings;
import io.sightline.api.driver.TlsSettings.Mode;
import io.sightline.driver.support.TestCertificates;

/** URL and connection properties, the CA file, quoting and row limits: no server needed. */
class PostgresqlDataSourceTest {
    private final PostgresqlDriver driver = new PostgresqlDriver();
    @TempDir
    Path karafData;
    private String previousKarafData;

    @BeforeEach
    void pointKarafDataAtATemporaryDirectory() {
        previousKarafData = System.getProperty("karaf.data");
        System.setProperty("karaf.data", karafData.toString());
    }

    @AfterEach
    void restoreKarafData() {
        if (previousKarafData == null) {
            System.clearProperty("karaf.data");
        } else {
            System.setProperty("karaf.data", previousKarafData);
        }
    }

    private static ConnectionSpec spec(String host, String database, Map<String, String> options, TlsSettings tls) {
        return new ConnectionSpec(host, 5433, database, "ann", options, tls, Duration.ofMillis(2500));
    }

    @Test
    void theUrlHoldsOnlyHostPortAndTheEncodedDatabase() throws Exception {
        assertEquals("jdbc:postgresql://db.example.com:5433/sales", PostgresqlDataSource.url(spec("db.example.com", "sales", Map.of(), null)));
        assertEquals("jdbc:postgresql://[::1]:5433/sales", PostgresqlDataSource.url(spec("::1", "sales", Map.of(), null)));
        assertEquals("jdbc:postgresql://[::1]:5433/sales", PostgresqlDataSource.url(spec("[::1]", "sales", Map.of(), null)));
        String url = PostgresqlDataSource.url(spec("h", "my db?sslfactory=x&loggerFile=/tmp/x", Map.of(), null));
        assertEquals("jdbc:postgresql://h:5433/my+db%3Fsslfactory%3Dx%26loggerFile%3D%2Ftmp%2Fx", url);
        // pgjdbc reads the name back intact and finds no extra parameter in it
        Properties parsed = org.postgresql.Driver.parseURL(url, new Properties());
        assertEquals("my db?sslfactory=x&loggerFile=/tmp/x", parsed.getProperty("PGDBNAME"));
        assertNull(parsed.getProperty("sslfactory"));
        assertNull(parsed.getProperty("loggerFile"));
    }

    @Test
    void propertiesCarrySightlinesDefaultsOptionsAndOwnSettings() {
        Properties props = PostgresqlDataSource.properties(spec("h", "d", Map.of(), null), null);
        assertEquals("Sightline", props.getProperty("ApplicationName"));
        assertEquals("true", props.getProperty("tcpKeepAlive"));
        assertEquals("ann", props.getProperty("user"));
        assertEquals("3", props.getProperty("connectTimeout"), "2.5 s rounds up");
        assertEquals("3", props.getProperty("loginTimeout"));
        assertEquals("3", props.getProperty("socketTimeout"));
        assertEquals("disable", props.getProperty("sslmode"));
        assertEquals("disable", props.getProperty("gssEncMode"));
        assertNull(props.getProperty("password"), "the password is added only while connecting");
        assertNull(props.getProperty("sslfactory"));
        assertNull(props.getProperty("sslrootcert"));

        Properties custom = PostgresqlDataSource.properties(
                spec("h", "d", Map.of("ApplicationName", "BI", "tcpKeepAlive", "false", "defaultRowFetchSize", "500"), null), null);
        assertEquals("BI", custom.getProperty("ApplicationName"));
        assertEquals("false", custom.getProperty("tcpKeepAlive"));
        assertEquals("500", custom.getProperty("defaultRowFetchSize"));
    }

    @Test
    void tlsModesMapToSslmode() {
        assertEquals("require", sslProps(Mode.REQUIRE, null).getProperty("sslmode"));
        assertNull(sslProps(Mode.REQUIRE, null).getProperty("sslfactory"));
        assertEquals("verify-ca", sslProps(Mode.VERIFY_CA, null).getProperty("sslmode"));
        assertEquals("verify-full", sslProps(Mode.VERIFY_FULL, null).getProperty("sslmode"));
        // without a CA of its own, verification uses the JVM's trust store through a factory Sightline sets
        assertEquals("org.postgresql.ssl.DefaultJavaSSLFactory", sslProps(Mode.VERIFY_CA, null).getProperty("sslfactory"));
        assertEquals("org.postgresql.ssl.DefaultJavaSSLFactory", sslProps(Mode.VERIFY_FULL, null).getProperty("sslfactory"));
        Properties withCa = sslProps(Mode.VERIFY_FULL, "/data/ca.pem");
        assertEquals("/data/ca.pem", withCa.getProperty("sslrootcert"));
        assertNull(withCa.getProperty("sslfactory"));
        // the class pgjdbc will load really exists in pgjdbc
        assertEquals("org.postgresql.ssl.DefaultJavaSSLFactory", org.postgresql.ssl.DefaultJavaSSLFactory.class.getName());
    }

    @Test
    void aClientCertificateUsesSightlinesOwnFactoryAndNoFiles() {
        for (Mode mode : new Mode[] {Mode.REQUIRE, Mode.VERIFY_CA, Mode.VERIFY_FULL}) {
            Properties props = PostgresqlDataSource.properties(spec("h", "d", Map.of(),
                    new TlsSettings(mode, TestCertificates.CA_PEM, TestCertificates.OTHER.pem())), null);
            assertEquals(ClientCertificateSslFactory.class.getName(), props.getProperty("sslfactory"));
            assertNull(props.getProperty("sslrootcert"));
            assertNull(props.getProperty("sslcert"));
            assertNull(props.getProperty("sslkey"));
            assertNull(props.getProperty("sslfactoryarg"), "the handle is added only while connecting");
        }
        // TLS off: the certificate is not used
        assertNull(PostgresqlDataSource.properties(spec("h", "d", Map.of(),
                new TlsSettings(Mode.DISABLE, null, TestCertificates.OTHER.pem())), null).getProperty("sslfactory"));
        assertTrue(new PostgresqlDriver().supportsTlsClientCertificate());
    }

    private static Properties sslProps(Mode mode, String caFile) {
        return PostgresqlDataSource.properties(spec("h", "d", Map.of(), new TlsSettings(mode, null)), caFile);
    }

    @Test
    void aCustomCaIsWrittenOnceUnderKarafDataNamedByItsHash() throws Exception {
        Path first = CaCertificateFile.fileFor(TestCertificates.CA_PEM);
        assertEquals(karafData.resolve("sightline").resolve("tls"), first.getParent());
        assertTrue(first.getFileName().toString().matches("[0-9a-f]{64}\\.pem"), first.toString());
        assertEquals(TestCertificates.CA_PEM.strip() + "\n", Files.readString(first));
        long modified = Files.getLastModifiedTime(first).toMillis();
        Files.setLastModifiedTime(first, java.nio.file.attribute.FileTime.fromMillis(modified - 60_000));
        assertEquals(first, CaCertificateFile.fileFor(TestCertificates.CA_PEM));
        assertEquals(modified - 60_000, Files.getLastModifiedTime(first).toMillis(), "not rewritten");

        // a file planted under that name with another authority is replaced
        Files.writeString(first, TestCertificates.OTHER.pem());
        assertEquals(first, CaCertificateFile.fileFor(TestCertificates.CA_PEM));
        assertEquals(TestCertificates.CA_PEM.strip() + "\n", Files.readString(first));

        assertFalse(first.equals(CaCertificateFile.fileFor(TestCertificates.OTHER.pem())));
        try (var files = Files.list(first.getParent())) {
            assertEquals(2, files.count(), "no temporary files left");
        }
    }

    @Test
    void withoutKarafDataTheCaGoesToTheTemporaryDirectory() {
        System.clearProperty("karaf.data");
        assertEquals(Path.of(System.getProperty("java.io.tmpdir"), "sightline", "tls"), CaCertificateFile.directory());
    }

    @Test
    void aDataSourceIsNeverBuiltWithARefusedOption() {
        assertThrows(io.sightline.api.driver.InvalidConnectionOptionException.class, () -> driver.dataSource(
                spec("h", "d", Map.of("socketFactory", "org.example.Evil"), null), () -> null));
    }

    @Test
    void theDataSourceRefusesOtherUsersAndIgnoresPoolLoginTimeouts() throws Exception {
        DataSource ds = driver.dataSource(spec("h", "d", Map.of(), null), () -> "pw".toCharArray());
        assertThrows(SQLFeatureNotSupportedException.class, () -> ds.getConnection("postgres", "x"));
        ds.setLoginTimeout(30);
        assertEquals(3, ds.getLoginTimeout());
        assertTrue(ds.isWrapperFor(DataSource.class));
        assertFalse(ds.toString().contains("pw"));
    }

    @Test
    void everyPropertySightlineSetsIsOneThatPgjdbcKnows() throws Exception {
        Properties props = PostgresqlDataSource.properties(
                spec("h", "d", Map.of(), new TlsSettings(Mode.VERIFY_FULL, null)), null);
        DriverPropertyInfo[] known = new org.postgresql.Driver().getPropertyInfo("jdbc:postgresql://h/d", new Properties());
        for (String name : props.stringPropertyNames()) {
            assertTrue(Arrays.stream(known).anyMatch(p -> p.name.equals(name)), name);
        }
        for (String name : driver.allowedOptions().keySet()) {
            assertTrue(Arrays.stream(known).anyMatch(p -> p.name.equals(name)), name);
        }
    }

    /** Sql (SqlTest) with PostgreSQL's double quote and LIMIT. */
    @Test
    void identifiersAreQuotedWithDoubledQuotes() {
        assertEquals("\"a\"\"b\"", driver.quoteIdentifier("a\"b"));
        assertThrows(IllegalArgumentException.class, () -> driver.quoteIdentifier(""));
    }

    @Test
    void limitRowsWrapsTheQuery() {
        assertEquals("SELECT * FROM (\nSELECT 1\n) AS sightline_limited LIMIT 5", driver.limitRows("SELECT 1 ;\n \t", 5));
        assertEquals("SELECT * FROM (\nSELECT 1\n) AS sightline_limited LIMIT 0", driver.limitRows("SELECT 1", 0));
    }
}
