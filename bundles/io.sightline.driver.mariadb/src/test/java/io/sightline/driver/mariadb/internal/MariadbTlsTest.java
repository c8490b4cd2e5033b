package io.sightline.driver.mariadb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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

import io.sightline.api.driver.ConnectFailure;
import io.sightline.api.driver.ConnectFailure.Step;
import io.sightline.api.driver.ConnectionSpec;
import io.sightline.api.driver.TlsSettings;
import io.sightline.api.driver.TlsSettings.Mode;
import io.sightline.driver.support.TestCertificates;

/**
 * TLS modes against a stand-in server that sends a MariaDB greeting offering TLS and completes a
 * real TLS handshake with a certificate for "localhost" (the local MariaDB has TLS off). Proves
 * what each mode checks, that the CA given as PEM text reaches Connector/J, and that certificate
 * failures are the TLS step.
 */
class MariadbTlsTest {
    private static final MariadbDriver DRIVER = new MariadbDriver();
    private static FakeServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new FakeServer(TestCertificates.LOCALHOST.serverContext());
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    private static ConnectionSpec spec(String host, Mode mode, String ca) {
        ConnectionSpec spec = new ConnectionSpec(host, server.port(), "sales", "ann", Map.of(), new TlsSettings(mode, ca),
                Duration.ofSeconds(5));
        DRIVER.validate(spec, false);
        return spec;
    }

    private static Outcome attempt(ConnectionSpec spec) throws InterruptedException {
        return attempt(spec, "pw");
    }

    private static Outcome attempt(ConnectionSpec spec, String password) throws InterruptedException {
        server.outcomes.clear();
        SQLException e = assertThrows(SQLException.class, () -> DRIVER.dataSource(spec, () -> password.toCharArray())
                .getConnection());
        String handshake = server.outcomes.poll(10, TimeUnit.SECONDS);
        return new Outcome(DRIVER.explain(e), handshake);
    }

    record Outcome(ConnectFailure failure, String handshake) {}

    @Test
    void requireEncryptsWithoutCheckingTheCertificate() throws Exception {
        Outcome outcome = attempt(spec("127.0.0.1", Mode.REQUIRE, null));
        assertEquals("handshake completed", outcome.handshake());
        assertEquals(new ConnectFailure(Step.TCP, "The server at 127.0.0.1:" + server.port() + " closed the connection "
                + "before the login finished. Check that this port belongs to a MariaDB or MySQL server."), outcome.failure());
    }

    /**
     * Connector/J 3.4+ does not stop at a certificate it cannot verify: it finishes the handshake,
     * sends the login, and then wants the server to prove that it knows the password (MariaDB 11.4's
     * "zero-configuration TLS"). A server that cannot is refused, so no connection reaches an
     * impostor; but the login has been sent, which a relaying man in the middle can use.
     */
    @Test
    void verifyWithoutACaUsesTheJvmTrustStore() throws Exception {
        String untrusted = "The server's TLS certificate is not trusted: it does not chain to an authority the Sightline "
                + "server trusts. Paste the database's CA certificate into the TLS settings, or use TLS mode require.";
        Outcome outcome = attempt(spec("localhost", Mode.VERIFY_FULL, null));
        assertEquals(new ConnectFailure(Step.TLS, untrusted), outcome.failure());
        assertEquals("handshake completed", outcome.handshake(), "verification is deferred until after the login");
        assertEquals(new ConnectFailure(Step.TLS, untrusted), attempt(spec("127.0.0.1", Mode.VERIFY_CA, null)).failure());
    }

    @Test
    void withoutAPasswordAnUnverifiedCertificateIsRefused() throws Exception {
        Outcome outcome = attempt(spec("localhost", Mode.VERIFY_FULL, null), "");
        assertEquals(Step.TLS, outcome.failure().step(), outcome.failure().message());
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
        assertEquals("handshake completed", outcome.handshake(), "verification is deferred until after the login");
    }

    /**
     * Greets like MariaDB 10.11 offering TLS, reads the client's SSLRequest, runs the TLS handshake,
     * then hangs up.
     */
    static final class FakeServer implements AutoCloseable {
        private static final int CAPABILITIES = 4 | 8 | 512 | 2048 | 8192 | 32768 | (1 << 17) | (1 << 19) | (1 << 21);

        final BlockingQueue<String> outcomes = new LinkedBlockingQueue<>();
        private final ServerSocket socket;
        private final SSLContext context;

        FakeServer(SSLContext context) throws IOException {
            this.context = context;
            this.socket = new ServerSocket(0);
            Thread thread = new Thread(this::serve, "fake-mariadb-tls");
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
                    writePacket(client.getOutputStream(), 0, greeting());
                    DataInputStream in = new DataInputStream(client.getInputStream());
                    byte[] header = new byte[4];
                    in.readFully(header);
                    int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
                    byte[] request = new byte[length];
                    in.readFully(request);
                    int clientCapabilities = (request[0] & 0xff) | (request[1] & 0xff) << 8;
                    if (length != 32 || (clientCapabilities & 2048) == 0) {
                        outcomes.add("no SSLRequest: " + length);
                        continue;
                    }
                    boolean handshakeDone = false;
                    try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(client, null, true)) {
                        tls.setUseClientMode(false);
                        tls.startHandshake();
                        handshakeDone = true;
                        // one outcome per connection: what the client does next is its own business
                        outcomes.add("handshake completed");
                        // the login packet, answered with OK but without the proof that Connector/J
                        // wants from a server whose certificate it could not verify
                        DataInputStream secure = new DataInputStream(tls.getInputStream());
                        secure.readFully(header);
                        secure.readFully(new byte[(header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16]);
                        writePacket(tls.getOutputStream(), header[3] + 1, new byte[] {0, 0, 0, 2, 0, 0, 0});
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

        private static byte[] greeting() {
            ByteArrayOutputStream p = new ByteArrayOutputStream();
            p.write(10);
            p.writeBytes("5.5.5-10.11.99-MariaDB-fake\0".getBytes(StandardCharsets.US_ASCII));
            int4(p, 7);
            p.writeBytes("abcdefgh".getBytes(StandardCharsets.US_ASCII));
            p.write(0);
            int2(p, CAPABILITIES & 0xffff);
            p.write(45);
            int2(p, 2);
            int2(p, CAPABILITIES >>> 16);
            p.write(21);
            p.writeBytes(new byte[6]);
            int4(p, 0);
            p.writeBytes("ijklmnopqrst\0".getBytes(StandardCharsets.US_ASCII));
            p.writeBytes("mysql_native_password\0".getBytes(StandardCharsets.US_ASCII));
            return p.toByteArray();
        }

        private static void writePacket(OutputStream out, int sequence, byte[] payload) throws IOException {
            out.write(new byte[] {(byte) payload.length, (byte) (payload.length >> 8), (byte) (payload.length >> 16),
                (byte) sequence});
            out.write(payload);
            out.flush();
        }

        private static void int2(ByteArrayOutputStream out, int value) {
            out.write(value & 0xff);
            out.write((value >> 8) & 0xff);
        }

        private static void int4(ByteArrayOutputStream out, int value) {
            int2(out, value & 0xffff);
            int2(out, value >>> 16);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
