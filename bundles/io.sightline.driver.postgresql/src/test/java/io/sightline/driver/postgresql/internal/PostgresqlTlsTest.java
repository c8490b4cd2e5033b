package io.sightline.driver.postgresql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sightline.api.driver.ConnectFailure;
import io.sightline.api.driver.ConnectFailure.Step;
import io.sightline.api.driver.ConnectionSpec;
import io.sightline.api.driver.TlsSettings;
import io.sightline.api.driver.TlsSettings.Mode;
import io.sightline.driver.support.TestCertificates;

/**
 * TLS modes against a stand-in server that answers PostgreSQL's SSLRequest and completes a real
 * TLS handshake with a certificate for "localhost" (the local PostgreSQL has TLS off). Proves what
 * each mode checks, that the custom CA file reaches pgjdbc, and that certificate failures are the
 * TLS step.
 */
class PostgresqlTlsTest {
    private static final PostgresqlDriver DRIVER = new PostgresqlDriver();
    private static FakeServer server;
    @TempDir
    static Path karafData;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("karaf.data", karafData.toString());
        server = new FakeServer(TestCertificates.LOCALHOST.serverContext());
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        System.clearProperty("karaf.data");
    }

    private static ConnectionSpec spec(String host, Mode mode, String ca) {
        ConnectionSpec spec = new ConnectionSpec(host, server.port(), "sales", "ann", Map.of(), new TlsSettings(mode, ca),
                Duration.ofSeconds(5));
        DRIVER.validate(spec, false);
        return spec;
    }

    /** Connects (which fails: the stand-in is no database) and returns the explanation and the server's view. */
    private static Outcome attempt(ConnectionSpec spec) throws InterruptedException {
        server.outcomes.clear();
        SQLException e = assertThrows(SQLException.class, () -> DRIVER.dataSource(spec, () -> null).getConnection());
        String handshake = server.outcomes.poll(10, TimeUnit.SECONDS);
        return new Outcome(DRIVER.explain(e), handshake);
    }

    record Outcome(ConnectFailure failure, String handshake) {}

    @Test
    void requireEncryptsWithoutCheckingTheCertificate() throws Exception {
        Outcome outcome = attempt(spec("127.0.0.1", Mode.REQUIRE, null));
        assertEquals("handshake completed", outcome.handshake());
        // the stand-in hangs up after the handshake
        assertEquals(new ConnectFailure(Step.TCP, "The server at 127.0.0.1:" + server.port() + " closed the connection "
                + "before the login finished. Check that this port belongs to a PostgreSQL server."), outcome.failure());
    }

    @Test
    void verifyWithoutACaUsesTheJvmTrustStore() throws Exception {
        Outcome outcome = attempt(spec("localhost", Mode.VERIFY_FULL, null));
        assertEquals(new ConnectFailure(Step.TLS, "The server's TLS certificate is not trusted: it does not chain to an "
                + "authority the Sightline server trusts. Paste the database's CA certificate into the TLS settings, "
                + "or use TLS mode require."), outcome.failure());
        assertTrue(outcome.handshake().startsWith("handshake failed"), outcome.handshake());
        assertEquals(Step.TLS, attempt(spec("127.0.0.1", Mode.VERIFY_CA, null)).failure().step());
    }

    @Test
    void verifyCaTrustsTheCustomCaAndIgnoresTheHostName() throws Exception {
        Outcome outcome = attempt(spec("127.0.0.1", Mode.VERIFY_CA, TestCertificates.CA_PEM));
        assertEquals("handshake completed", outcome.handshake());
        assertNotEquals(Step.TLS, outcome.failure().step(), outcome.failure().message());
    }

    @Test
    void verifyFullChecksTheHostName() throws Exception {
        Outcome wrongName = attempt(spec("127.0.0.1", Mode.VERIFY_FULL, TestCertificates.CA_PEM));
        assertEquals(new ConnectFailure(Step.TLS, "The server's TLS certificate is not issued for 127.0.0.1. Connect with "
                + "a name the certificate lists, or use TLS mode verify-ca."), wrongName.failure());

        Outcome rightName = attempt(spec("localhost", Mode.VERIFY_FULL, TestCertificates.CA_PEM));
        assertEquals("handshake completed", rightName.handshake());
        assertNotEquals(Step.TLS, rightName.failure().step(), rightName.failure().message());
    }

    @Test
    void aCertificateFromAnotherAuthorityIsRefused() throws Exception {
        Outcome outcome = attempt(spec("localhost", Mode.VERIFY_CA, TestCertificates.OTHER.pem()));
        assertEquals(new ConnectFailure(Step.TLS, "The server's TLS certificate is not trusted: it does not chain to the "
                + "certificate authority in the data source's TLS settings."), outcome.failure());
        assertTrue(outcome.handshake().startsWith("handshake failed"), outcome.handshake());
    }

    /** Accepts connections, answers the SSLRequest with 'S', runs the TLS handshake, then hangs up. */
    static final class FakeServer implements AutoCloseable {
        final BlockingQueue<String> outcomes = new LinkedBlockingQueue<>();
        private final ServerSocket socket;
        private final SSLContext context;

        FakeServer(SSLContext context) throws IOException {
            this.context = context;
            this.socket = new ServerSocket(0);
            Thread thread = new Thread(this::serve, "fake-postgres-tls");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    client.setSoTimeout(10_000);
                    DataInputStream in = new DataInputStream(client.getInputStream());
                    int length = in.readInt();
                    int code = in.readInt();
                    if (length != 8 || code != 80877103) {
                        outcomes.add("no SSLRequest: " + length + "/" + code);
                        continue;
                    }
                    client.getOutputStream().write('S');
                    client.getOutputStream().flush();
                    boolean handshakeDone = false;
                    try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(client, null, true)) {
                        tls.setUseClientMode(false);
                        tls.startHandshake();
                        handshakeDone = true;
                        // one outcome per connection: what the client does next is its own business
                        outcomes.add("handshake completed");
                        // the client's startup message arrives only if it accepted the certificate
                        tls.getInputStream().read();
                    } catch (IOException e) {
                        if (!handshakeDone) {
                            outcomes.add("handshake failed: " + e.getMessage());
                        }
                    }
                } catch (IOException e) {
                    if (!socket.isClosed()) {
                        outcomes.add("error: " + e);
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
