package io.sightline.driver.support;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.sightline.api.driver.ConnectionSpec;
import io.sightline.api.driver.InvalidConnectionOptionException;
import io.sightline.api.driver.TlsSettings;
import io.sightline.api.driver.TlsSettings.Mode;

/** DS-1, DS-7: the fields every network data source has. */
class ConnectionSpecChecksTest {

    private static String refused(String field, Executable check) {
        InvalidConnectionOptionException e = assertThrows(InvalidConnectionOptionException.class, check);
        assertEquals(field, e.option(), e.getMessage());
        assertFalse(e.getMessage().isBlank());
        return e.getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {"db.example.com", "10.0.0.7", "h", "my_db-1", "::1", "[::1]", "fe80::1:2", "[fe80::1]",
        "2001:db8::8a2e:370:7334", "::ffff:10.0.0.7"})
    void hostNamesAndIpAddressesPass(String host) {
        assertDoesNotThrow(() -> ConnectionSpecChecks.checkHost(host));
    }

    @Test
    void aHostOf253CharactersPassesAndOneMoreIsRefused() {
        assertDoesNotThrow(() -> ConnectionSpecChecks.checkHost("a".repeat(253)));
        assertEquals("The host name is longer than 253 characters.",
                refused("host", () -> ConnectionSpecChecks.checkHost("a".repeat(250) + ".com")));
    }

    /** Whatever could add a port, a path, URL parameters or a second host to a JDBC URL. */
    @ParameterizedTest
    @ValueSource(strings = {"", " ", "db.example.com/sales", "db example", "db.example.com:5433", ":", "db,evil.example",
        "a,b", "db?ssl=x", "db;x=1", "address=(host=evil)(port=1)", "user@db", "db\\x", "http://db", "tcp://db", "-db",
        "db-", ".db", "[::1", "::1]", "1:2:3", "[db.example.com]", "fe80::1%eth0", "db\n", "db\u0000x"})
    void anythingElseIsRefused(String host) {
        refused("host", () -> ConnectionSpecChecks.checkHost(host));
    }

    @Test
    void refusalsSayWhatToEnter() {
        assertEquals("Enter the host name or IP address of the database server.",
                refused("host", () -> ConnectionSpecChecks.checkHost(null)));
        assertEquals("Enter the port in the port field, not after the host.",
                refused("host", () -> ConnectionSpecChecks.checkHost("db.example.com:5433")));
        assertTrue(refused("host", () -> ConnectionSpecChecks.checkHost("db example")).contains("without spaces"));
        assertTrue(refused("host", () -> ConnectionSpecChecks.checkHost("db;x")).contains("only letters, digits"));
    }

    @Test
    void ipv6LiteralsAreParsedNotLookedUp() {
        assertTrue(ConnectionSpecChecks.isIpv6("::1"));
        assertTrue(ConnectionSpecChecks.isIpv6("[fe80::1]"));
        assertFalse(ConnectionSpecChecks.isIpv6("1:2:3"));
        assertFalse(ConnectionSpecChecks.isIpv6("[::1"));
        assertFalse(ConnectionSpecChecks.isIpv6("db.example.com"));
    }

    @Test
    void portsFrom1To65535() {
        for (int port : new int[] {0, -1, -5, 65536, 70000}) {
            assertEquals("The port must be a number from 1 to 65535.",
                    refused("port", () -> ConnectionSpecChecks.checkPort(port)));
        }
        assertDoesNotThrow(() -> ConnectionSpecChecks.checkPort(1));
        assertDoesNotThrow(() -> ConnectionSpecChecks.checkPort(65535));
    }

    @Test
    void namesAreRequiredBoundedAndWithoutControlCharacters() {
        assertEquals("Enter the database name.",
                refused("database", () -> ConnectionSpecChecks.checkName("database", null, "database name", 64)));
        assertEquals("Enter the user name.",
                refused("user", () -> ConnectionSpecChecks.checkName("user", " ", "user name", 64)));
        assertEquals("The user name is longer than 80 characters.",
                refused("user", () -> ConnectionSpecChecks.checkName("user", "u".repeat(81), "user name", 80)));
        assertEquals("The database name contains control characters.",
                refused("database", () -> ConnectionSpecChecks.checkName("database", "d\n", "database name", 64)));
        refused("user", () -> ConnectionSpecChecks.checkName("user", "ann\r\n", "user name", 64));
        refused("user", () -> ConnectionSpecChecks.checkName("user", "a\u0000b", "user name", 64));
        assertDoesNotThrow(() -> ConnectionSpecChecks.checkName("user", "u".repeat(80), "user name", 80));
        // odd but legal names pass: drivers send them as properties or URL-encoded
        assertDoesNotThrow(() -> ConnectionSpecChecks.checkName("database", "my db?x=1&y/z", "database name", 63));
        assertDoesNotThrow(() -> ConnectionSpecChecks.checkName("user", "Ann O'Neil", "user name", 63));
    }

    @Test
    void byteLimitsCountUtf8() {
        assertDoesNotThrow(() -> ConnectionSpecChecks.checkUtf8Length("database", "d".repeat(63), "database name", 63));
        assertEquals("The database name is longer than 63 bytes, the server's limit.", refused("database",
                () -> ConnectionSpecChecks.checkUtf8Length("database", "é".repeat(32), "database name", 63)));
    }

    @Test
    void connectTimeoutFrom1SecondTo5Minutes() {
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofMillis(500), Duration.ofMinutes(5).plusMillis(1),
            Duration.ofMinutes(6)}) {
            refused("connectTimeout", () -> ConnectionSpecChecks.checkConnectTimeout(spec(bad)));
        }
        assertDoesNotThrow(() -> ConnectionSpecChecks.checkConnectTimeout(spec(Duration.ofSeconds(1))));
        assertDoesNotThrow(() -> ConnectionSpecChecks.checkConnectTimeout(spec(Duration.ofMinutes(5))));
    }

    private static ConnectionSpec spec(Duration timeout) {
        return new ConnectionSpec("h", 1, "d", "u", null, null, timeout);
    }

    @Test
    void aCaCertificateMustBePemWithACertificate() {
        assertDoesNotThrow(() -> ConnectionSpecChecks.checkTls(new TlsSettings(Mode.VERIFY_CA, TestCertificates.CA_PEM)));
        assertDoesNotThrow(() -> ConnectionSpecChecks.checkTls(new TlsSettings(Mode.VERIFY_FULL, null)));
        assertDoesNotThrow(() -> ConnectionSpecChecks.checkTls(TlsSettings.DISABLED));
        refused("caCertificatePem", () -> ConnectionSpecChecks.checkTls(new TlsSettings(Mode.VERIFY_FULL, "not a certificate")));
        refused("caCertificatePem", () -> ConnectionSpecChecks.checkTls(new TlsSettings(Mode.VERIFY_FULL, "/etc/ssl/ca.pem")));
        assertEquals("The CA certificate could not be read as an X.509 certificate in PEM format.", refused("caCertificatePem",
                () -> ConnectionSpecChecks.checkTls(new TlsSettings(Mode.VERIFY_CA,
                        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))));
        refused("caCertificatePem", () -> ConnectionSpecChecks.checkTls(new TlsSettings(Mode.VERIFY_CA,
                "-----BEGIN CERTIFICATE-----\n" + "A".repeat(70_000))));
    }

    @Test
    void aClientCertificateMustBePemAndDriversWithoutSupportRefuseIt() {
        assertDoesNotThrow(() -> ConnectionSpecChecks.checkTls(new TlsSettings(Mode.VERIFY_FULL, null, TestCertificates.CA_PEM)));
        refused("clientCertificatePem", () -> ConnectionSpecChecks.checkTls(new TlsSettings(Mode.VERIFY_FULL, null,
                "/etc/ssl/client.crt")));
        refused("clientCertificatePem", () -> ConnectionSpecChecks.checkTls(new TlsSettings(Mode.REQUIRE, null,
                TestCertificates.CA_PEM + "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")));
        assertEquals("MariaDB data sources cannot use a TLS client certificate: client certificates are supported for "
                + "PostgreSQL only for now.", refused("clientKey", () -> ConnectionSpecChecks.refuseClientCertificate(
                        new TlsSettings(Mode.REQUIRE, null, TestCertificates.CA_PEM), "MariaDB")));
        assertDoesNotThrow(() -> ConnectionSpecChecks.refuseClientCertificate(new TlsSettings(Mode.REQUIRE, null), "MariaDB"));
    }

    @Test
    void aCustomCaCountsOnlyWhenCertificatesAreVerified() {
        assertTrue(ConnectionSpecChecks.hasCustomCa(new TlsSettings(Mode.VERIFY_CA, TestCertificates.CA_PEM)));
        assertTrue(ConnectionSpecChecks.hasCustomCa(new TlsSettings(Mode.VERIFY_FULL, TestCertificates.CA_PEM)));
        assertFalse(ConnectionSpecChecks.hasCustomCa(new TlsSettings(Mode.REQUIRE, TestCertificates.CA_PEM)));
        assertFalse(ConnectionSpecChecks.hasCustomCa(new TlsSettings(Mode.DISABLE, TestCertificates.CA_PEM)));
        assertFalse(ConnectionSpecChecks.hasCustomCa(new TlsSettings(Mode.VERIFY_FULL, " ")));
    }

    @Test
    void hostsForUrlsAndSockets() {
        assertEquals("db.example.com", ConnectionSpecChecks.urlHost("db.example.com"));
        assertEquals("[::1]", ConnectionSpecChecks.urlHost("::1"));
        assertEquals("[::1]", ConnectionSpecChecks.urlHost("[::1]"));
        assertEquals("::1", ConnectionSpecChecks.socketHost("[::1]"));
        assertEquals("::1", ConnectionSpecChecks.socketHost("::1"));
        assertEquals("db", ConnectionSpecChecks.socketHost("db"));
    }

    @Test
    void secondsRoundUpAndAreAtLeastOne() {
        assertEquals(3, ConnectionSpecChecks.seconds(Duration.ofMillis(2500)));
        assertEquals(10, ConnectionSpecChecks.seconds(Duration.ofSeconds(10)));
        assertEquals(1, ConnectionSpecChecks.seconds(Duration.ZERO));
        assertEquals(Integer.MAX_VALUE, ConnectionSpecChecks.seconds(Duration.ofDays(100_000)));
    }

    @Test
    void blank() {
        assertTrue(ConnectionSpecChecks.isBlank(null));
        assertTrue(ConnectionSpecChecks.isBlank(" \t"));
        assertFalse(ConnectionSpecChecks.isBlank("x"));
    }
}
