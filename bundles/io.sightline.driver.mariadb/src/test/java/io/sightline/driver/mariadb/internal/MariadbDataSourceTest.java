package io.sightline.driver.mariadb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.Configuration;

import io.sightline.api.driver.ConnectionSpec;
import io.sightline.api.driver.TlsSettings;
import io.sightline.api.driver.TlsSettings.Mode;
import io.sightline.driver.support.TestCertificates;

/** URL and connection properties as Connector/J reads them, quoting and row limits: no server needed. */
class MariadbDataSourceTest {
    private final MariadbDriver driver = new MariadbDriver();

    private static ConnectionSpec spec(String host, String database, Map<String, String> options, TlsSettings tls) {
        return new ConnectionSpec(host, 3307, database, "ann", options, tls, Duration.ofMillis(2500));
    }

    /** What Connector/J makes of our URL and properties. */
    private static Configuration parsed(ConnectionSpec spec) throws Exception {
        Properties props = MariadbDataSource.properties(spec);
        props.setProperty("password", "pw");
        return Configuration.parse(MariadbDataSource.url(spec), props);
    }

    @Test
    void theUrlHoldsOnlyHostAndPort() throws Exception {
        assertEquals("jdbc:mariadb://db.example.com:3307/", MariadbDataSource.url(spec("db.example.com", "sales", Map.of(), null)));
        assertEquals("jdbc:mariadb://[::1]:3307/", MariadbDataSource.url(spec("::1", "sales", Map.of(), null)));
        Configuration conf = parsed(spec("db.example.com", "my db?allowLocalInfile=true&x=/y", Map.of(), null));
        assertEquals("my db?allowLocalInfile=true&x=/y", conf.database());
        assertFalse(conf.allowLocalInfile());
        assertEquals("db.example.com", conf.addresses().get(0).host);
        assertEquals(3307, conf.addresses().get(0).port);
        assertEquals(1, conf.addresses().size());
    }

    @Test
    void propertiesCarrySightlinesDefaultsOptionsAndOwnSettings() throws Exception {
        Properties props = MariadbDataSource.properties(spec("h", "d", Map.of(), null));
        assertNull(props.getProperty("password"), "the password is added only while connecting");
        Configuration conf = parsed(spec("h", "d", Map.of(), null));
        assertEquals("ann", conf.user());
        assertEquals("d", conf.database());
        assertEquals(2500, conf.connectTimeout());
        assertEquals(0, conf.socketTimeout());
        assertTrue(conf.tcpKeepAlive());
        assertFalse(conf.allowLocalInfile());
        assertFalse(conf.allowMultiQueries());
        assertFalse(conf.permitRedirect());
        assertEquals("program_name:Sightline", conf.connectionAttributes());
        assertEquals("disable", conf.sslMode().name().toLowerCase().replace('_', '-'));
        assertNull(conf.serverSslCert());
        assertTrue(conf.nonMappedOptions().isEmpty(), conf.nonMappedOptions().toString());

        Configuration custom = parsed(spec("h", "d", Map.of("tcpKeepAlive", "false", "useCompression", "true",
                "defaultFetchSize", "200", "connectionTimeZone", "Europe/Berlin"), null));
        assertFalse(custom.tcpKeepAlive());
        assertTrue(custom.useCompression());
        assertEquals(200, custom.defaultFetchSize());
        assertEquals("Europe/Berlin", custom.connectionTimeZone());
    }

    @Test
    void everyAllowedOptionIsOneThatConnectorJKnows() throws Exception {
        for (String name : driver.allowedOptions().keySet()) {
            String value = switch (name) {
                case "connectionCollation" -> "utf8mb4_unicode_ci";
                case "connectionTimeZone" -> "SERVER";
                case "restrictedAuth" -> "client_ed25519";
                case "defaultFetchSize", "prepStmtCacheSize" -> "10";
                default -> "true";
            };
            Configuration conf = parsed(spec("h", "d", Map.of(name, value), null));
            assertTrue(conf.nonMappedOptions().isEmpty(), name);
        }
    }

    @Test
    void tlsModesMapToSslMode() throws Exception {
        assertEquals("TRUST", parsed(spec("h", "d", Map.of(), new TlsSettings(Mode.REQUIRE, null))).sslMode().name());
        assertEquals("VERIFY_CA", parsed(spec("h", "d", Map.of(), new TlsSettings(Mode.VERIFY_CA, null))).sslMode().name());
        Configuration full = parsed(spec("h", "d", Map.of(), new TlsSettings(Mode.VERIFY_FULL, TestCertificates.CA_PEM)));
        assertEquals("VERIFY_FULL", full.sslMode().name());
        assertEquals(TestCertificates.CA_PEM.strip(), full.serverSslCert());
        assertTrue(full.serverSslCert().startsWith("-----BEGIN CERTIFICATE"));
        // with REQUIRE nothing is checked, so a CA would only mislead
        assertNull(parsed(spec("h", "d", Map.of(), new TlsSettings(Mode.REQUIRE, TestCertificates.CA_PEM))).serverSslCert());
    }

    @Test
    void aDataSourceIsNeverBuiltWithARefusedOption() {
        assertThrows(io.sightline.api.driver.InvalidConnectionOptionException.class, () -> driver.dataSource(
                spec("h", "d", Map.of("allowLocalInfile", "true"), null), () -> null));
    }

    @Test
    void theDataSourceRefusesOtherUsersAndIgnoresPoolLoginTimeouts() throws Exception {
        DataSource ds = driver.dataSource(spec("h", "d", Map.of(), null), () -> "pw".toCharArray());
        assertThrows(SQLFeatureNotSupportedException.class, () -> ds.getConnection("root", "x"));
        ds.setLoginTimeout(30);
        assertEquals(3, ds.getLoginTimeout());
        assertFalse(ds.toString().contains("pw"));
    }

    /** Sql (SqlTest) with MariaDB's backtick and LIMIT. */
    @Test
    void identifiersAreQuotedWithDoubledBackticks() {
        assertEquals("`a``b`", driver.quoteIdentifier("a`b"));
        assertEquals("`it's \"x\"`", driver.quoteIdentifier("it's \"x\""));
    }

    @Test
    void limitRowsWrapsTheQuery() {
        assertEquals("SELECT * FROM (\nSELECT 1\n) AS sightline_limited LIMIT 3", driver.limitRows("SELECT 1;;  ", 3));
    }
}
