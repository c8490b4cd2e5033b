package io.sightline.driver.postgresql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sightline.api.driver.ConnectFailure;
import io.sightline.api.driver.ConnectFailure.Step;
import io.sightline.api.driver.ConnectionSpec;
import io.sightline.api.driver.PasswordSource;
import io.sightline.api.driver.TlsClientKeys;
import io.sightline.api.driver.TlsSettings;
import io.sightline.api.driver.TlsSettings.Mode;

/**
 * TLS client certificates (DS-3, V-1) against a real PostgreSQL that requires them
 * ({@link ClientCertificatePostgres}): the key reaches pgjdbc only in memory, through
 * {@link ClientCertificateSslFactory}, in every TLS mode; what fails, fails at a named step.
 */
class PostgresqlClientCertificateTest {
    private static final PostgresqlDriver DRIVER = new PostgresqlDriver();
    private static ClientCertificatePostgres server;
    @TempDir
    static Path karafData;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("karaf.data", karafData.toString());
        server = ClientCertificatePostgres.start();
    }

    @AfterAll
    static void stop() throws Exception {
        System.clearProperty("karaf.data");
        if (server != null) {
            server.close();
        }
    }

    /** Hands out the key (and no password: cert authentication) and keeps every array it gave, to check they were cleared. */
    static final class Secrets implements PasswordSource {
        final String key;
        final List<char[]> handedOut = new ArrayList<>();
        int keyRequests;

        Secrets(String key) {
            this.key = key;
        }

        @Override
        public char[] password() {
            return null;
        }

        @Override
        public synchronized char[] tlsClientKey() {
            keyRequests++;
            if (key == null) {
                return null;
            }
            char[] copy = key.toCharArray();
            handedOut.add(copy);
            return copy;
        }

        void assertCleared() {
            for (char[] a : handedOut) {
                for (char c : a) {
                    assertEquals('\0', c, "the key's characters are cleared after use");
                }
            }
        }
    }

    private static ConnectionSpec spec(String host, String user, Mode mode, String ca, String clientCertificate) {
        ConnectionSpec spec = new ConnectionSpec(host, server.port, "postgres", user, Map.of(),
                new TlsSettings(mode, ca, clientCertificate), Duration.ofSeconds(10));
        DRIVER.validate(spec, false);
        return spec;
    }

    private static ConnectionSpec ann(String host, Mode mode, String ca) {
        return spec(host, "ann", mode, ca, server.read("ann.crt"));
    }

    /** Who the server says we are, and the certificate it saw. */
    private static List<String> whoAmI(ConnectionSpec spec, Secrets secrets) throws SQLException {
        try (Connection c = DRIVER.dataSource(spec, secrets).getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_user, ssl, client_dn FROM pg_stat_ssl "
                        + "WHERE pid = pg_backend_pid()")) {
            rs.next();
            return List.of(rs.getString(1), rs.getString(2), rs.getString(3));
        }
    }

    private static ConnectFailure failure(ConnectionSpec spec, PasswordSource secrets) {
        SQLException e = assertThrows(SQLException.class, () -> DRIVER.dataSource(spec, secrets).getConnection().close());
        return DRIVER.explain(e);
    }

    @Test
    void connectsWithTheClientCertificateInEveryTlsMode() throws Exception {
        String ca = server.read("ca.crt");
        Secrets secrets = new Secrets(server.read("ann.key"));
        List<String> expected = List.of("ann", "t", "/CN=ann");
        assertEquals(expected, whoAmI(ann("localhost", Mode.VERIFY_FULL, ca), secrets), server.log());
        assertEquals(expected, whoAmI(ann(ClientCertificatePostgres.HOST, Mode.VERIFY_FULL, ca), secrets));
        assertEquals(expected, whoAmI(ann(ClientCertificatePostgres.OTHER_ADDRESS, Mode.VERIFY_CA, ca), secrets),
                "verify-ca does not look at the host name");
        assertEquals(expected, whoAmI(ann(ClientCertificatePostgres.HOST, Mode.REQUIRE, null), secrets),
                "require checks no server certificate");
        assertEquals(4, secrets.keyRequests, "the key is asked for at each new connection");
        secrets.assertCleared();
        assertEquals(0, ClientCertificateSslFactory.pending(), "no context stays registered");
    }

    @Test
    void pkcs1AndEcKeysWorkToo() throws Exception {
        String ca = server.read("ca.crt");
        assertEquals("ann", whoAmI(ann("localhost", Mode.VERIFY_FULL, ca), new Secrets(server.read("ann-rsa1.key"))).get(0));
        ConnectionSpec ec = spec("localhost", "ann", Mode.VERIFY_FULL, ca, server.read("ann-ec.crt"));
        assertEquals(List.of("ann", "t", "/CN=ann"), whoAmI(ec, new Secrets(server.read("ann-ec.key"))));
    }

    @Test
    void withoutAClientCertificateTheServerRefusesTheLogin() {
        ConnectionSpec spec = spec("localhost", "ann", Mode.VERIFY_FULL, server.read("ca.crt"), null);
        Secrets secrets = new Secrets(server.read("ann.key"));
        ConnectFailure failure = failure(spec, secrets);
        assertEquals(new ConnectFailure(Step.AUTHENTICATION, "The server refused the login: connection requires a valid "
                + "client certificate. Add a client certificate and its key to the data source's TLS settings."), failure);
        assertEquals(0, secrets.keyRequests, "no client certificate, no key asked for");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedBeforeAnythingIsSent() {
        Secrets bobsKey = new Secrets(server.read("bob.key"));
        ConnectFailure failure = failure(ann("localhost", Mode.VERIFY_FULL, server.read("ca.crt")), bobsKey);
        assertEquals(new ConnectFailure(Step.TLS, "The TLS client key cannot be used: The private key does not belong "
                + "to the client certificate: paste the key that was created with this certificate."), failure);
        bobsKey.assertCleared();
        assertEquals(0, ClientCertificateSslFactory.pending());
    }

    @Test
    void aMissingKeyIsATlsFailure() {
        ConnectFailure failure = failure(ann("localhost", Mode.VERIFY_FULL, server.read("ca.crt")), new Secrets(null));
        assertEquals(Step.TLS, failure.step());
        assertTrue(failure.message().contains("key is missing from the vault"), failure.message());
        // a driver must not fall back to the password source's lambda form without a key
        failure = failure(ann("localhost", Mode.VERIFY_FULL, server.read("ca.crt")), () -> null);
        assertEquals(Step.TLS, failure.step());
    }

    @Test
    void aCertificateFromAnAuthorityTheServerDoesNotTrustIsRefusedByTheServer() {
        ConnectionSpec spec = spec("localhost", "ann", Mode.VERIFY_FULL, server.read("ca.crt"), server.read("rogue-ann.crt"));
        ConnectFailure failure = failure(spec, new Secrets(server.read("rogue-ann.key")));
        assertEquals(Step.TLS, failure.step(), failure.message());
        // The server hangs up as soon as it has read the certificate: the client sees a broken pipe
        // (or, when it reads first, the server's alert, e.g. unknown_ca).
        assertTrue(failure.message().contains("refused the TLS client certificate"), failure.message());
        assertTrue(failure.message().startsWith("The TLS handshake with localhost:" + server.port + " failed: ")
                || failure.message().startsWith("The server at localhost:" + server.port + " refused"), failure.message());
    }

    @Test
    void aCertificateOfAnotherUserIsRefusedAtLogin() {
        ConnectionSpec spec = spec("localhost", "ann", Mode.VERIFY_FULL, server.read("ca.crt"), server.read("bob.crt"));
        ConnectFailure failure = failure(spec, new Secrets(server.read("bob.key")));
        assertEquals(new ConnectFailure(Step.AUTHENTICATION, "The server refused the login: certificate authentication "
                + "failed for user \"ann\". The client certificate's common name (CN) must be the database user, or "
                + "be mapped to it in the server's pg_ident.conf."), failure);
    }

    @Test
    void theServerIsStillCheckedInTheVerifyModes() {
        Secrets secrets = new Secrets(server.read("ann.key"));
        ConnectFailure wrongName = failure(ann(ClientCertificatePostgres.OTHER_ADDRESS, Mode.VERIFY_FULL,
                server.read("ca.crt")), secrets);
        assertEquals(new ConnectFailure(Step.TLS, "The server's TLS certificate is not issued for 127.0.0.2. Connect with "
                + "a name the certificate lists, or use TLS mode verify-ca."), wrongName);
        ConnectFailure otherCa = failure(ann("localhost", Mode.VERIFY_CA, server.read("rogue-ca.crt")), secrets);
        assertEquals(new ConnectFailure(Step.TLS, "The server's TLS certificate is not trusted: it does not chain to the "
                + "certificate authority in the data source's TLS settings."), otherCa);
        ConnectFailure jvmTrust = failure(ann("localhost", Mode.VERIFY_FULL, null), secrets);
        assertEquals(Step.TLS, jvmTrust.step());
        assertTrue(jvmTrust.message().contains("an authority the Sightline server trusts"), jvmTrust.message());
        secrets.assertCleared();
    }

    @Test
    void nothingIsWrittenToDisk() throws Exception {
        whoAmI(ann("localhost", Mode.VERIFY_FULL, server.read("ca.crt")), new Secrets(server.read("ann.key")));
        try (Stream<Path> files = Files.walk(karafData)) {
            assertEquals(List.of(karafData), files.toList(), "neither the key nor the CA is written under karaf.data");
        }
    }

    @Test
    void toStringNamesNoSecret() {
        String key = server.read("ann.key");
        var dataSource = DRIVER.dataSource(ann("localhost", Mode.VERIFY_FULL, server.read("ca.crt")), new Secrets(key));
        String text = dataSource.toString();
        try (var registration = ClientCertificateSslFactory.register(sslContext())) {
            text += registration.toString();
        }
        assertFalse(text.contains("PRIVATE"), text);
        assertFalse(text.contains(key.lines().skip(1).findFirst().orElseThrow()), text);
    }

    private static javax.net.ssl.SSLContext sslContext() {
        try {
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(null, null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * As in OSGi: pgjdbc in a class loader of its own that cannot see this bundle's classes finds the
     * factory only through the thread's context class loader, which the data source sets while it
     * connects.
     */
    @Test
    void pgjdbcInItsOwnClassLoaderLoadsTheFactoryThroughTheContextClassLoader() throws Exception {
        URL pgjdbc = org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation();
        ConnectionSpec spec = ann("localhost", Mode.VERIFY_FULL, server.read("ca.crt"));
        Properties props = PostgresqlDataSource.properties(spec, null);
        props.setProperty("password", "");
        var chain = TlsClientKeys.certificates(spec.tls().clientCertificatePem());
        var key = TlsClientKeys.privateKey(server.read("ann.key").toCharArray());
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {pgjdbc}, ClassLoader.getPlatformClassLoader());
                ClientCertificateSslFactory.Registration registration = ClientCertificateSslFactory.register(
                        ClientTlsContext.create(spec.tls(), chain, key))) {
            Driver driver = (Driver) isolated.loadClass("org.postgresql.Driver").getConstructor().newInstance();
            assertFalse(driver.getClass() == org.postgresql.Driver.class);
            props.setProperty(ClientCertificateSslFactory.HANDLE_PROPERTY, registration.handle());
            String url = PostgresqlDataSource.url(spec);
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            try {
                thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
                SQLException e = assertThrows(SQLException.class, () -> driver.connect(url, props));
                assertTrue(e.getMessage().contains("could not be instantiated"), e.getMessage());

                thread.setContextClassLoader(PostgresqlDataSource.class.getClassLoader());
                try (Connection c = driver.connect(url, props); Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT current_user")) {
                    rs.next();
                    assertEquals("ann", rs.getString(1));
                }
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }
}
