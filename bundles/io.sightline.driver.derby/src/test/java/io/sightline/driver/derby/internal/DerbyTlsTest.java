package io.sightline.driver.derby.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.sightline.api.driver.ConnectFailure;
import io.sightline.api.driver.ConnectFailure.Step;
import io.sightline.api.driver.ConnectionSpec;
import io.sightline.api.driver.TlsSettings;
import io.sightline.api.driver.TlsSettings.Mode;
import io.sightline.driver.derby.internal.DerbyNetworkTest.RecordingPassword;

/**
 * TLS through the Derby network client against a Derby server with derby.drda.sslMode=basic. The
 * JVM-wide key and trust stores are set here, before anything in this JVM uses the default
 * SSLContext; no other test class uses TLS.
 */
class DerbyTlsTest {
    private static DerbyTestServer tlsServer;
    private static DerbyTestServer plainServer;
    private final DerbyDriver driver = new DerbyDriver();

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("derby-tls");
        Path store = dir.resolve("server.jks");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "derby", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "JKS",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertEquals(0, keytool.waitFor(), output);
        System.setProperty("javax.net.ssl.keyStore", store.toString());
        System.setProperty("javax.net.ssl.keyStorePassword", "changeit");
        System.setProperty("javax.net.ssl.keyStoreType", "JKS");
        System.setProperty("javax.net.ssl.trustStore", store.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
        System.setProperty("javax.net.ssl.trustStoreType", "JKS");

        DerbyTestServer.createDatabase("tlsdb", "ann", "ann-pw", "CREATE TABLE T (X INT)");
        System.setProperty("derby.drda.sslMode", "basic");
        try {
            tlsServer = DerbyTestServer.start();
        } finally {
            System.clearProperty("derby.drda.sslMode");
        }
        plainServer = DerbyTestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        for (DerbyTestServer server : new DerbyTestServer[] {tlsServer, plainServer}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private Connection connect(int port, Mode mode) throws SQLException {
        ConnectionSpec spec = new ConnectionSpec("localhost", port, "tlsdb", "ann", Map.of(),
                new TlsSettings(mode, null), Duration.ofSeconds(5));
        driver.validate(spec, false);
        return driver.dataSource(spec, new RecordingPassword("ann-pw")).getConnection();
    }

    @Test
    void requireEncryptsWithoutCheckingTheCertificate() throws Exception {
        try (Connection c = connect(tlsServer.port, Mode.REQUIRE)) {
            assertEquals(1, DerbyNetworkTest.count(c, "VALUES 1"));
        }
    }

    @Test
    void verifyCaChecksAgainstTheJvmTrustStore() throws Exception {
        try (Connection c = connect(tlsServer.port, Mode.VERIFY_CA)) {
            assertEquals(1, DerbyNetworkTest.count(c, "VALUES 1"));
        }
    }

    @Test
    void tlsAgainstAServerWithoutTlsIsATlsFailure() {
        SQLException e = assertThrows(SQLException.class, () -> connect(plainServer.port, Mode.REQUIRE));
        ConnectFailure failure = driver.explain(e);
        assertEquals(Step.TLS, failure.step(), failure.message());
    }

    @Test
    void noTlsAgainstATlsServerFails() {
        SQLException e = assertThrows(SQLException.class, () -> connect(tlsServer.port, Mode.DISABLE));
        ConnectFailure failure = driver.explain(e);
        assertEquals(Step.TLS, failure.step(), failure.message());
        assertTrue(failure.message().contains("plaintext connection to an SSL enabled server"), failure.message());
    }
}
