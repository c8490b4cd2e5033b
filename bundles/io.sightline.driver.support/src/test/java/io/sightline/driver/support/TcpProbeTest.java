package io.sightline.driver.support;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import io.sightline.api.driver.ConnectFailure;
import io.sightline.api.driver.ConnectFailure.Step;
import io.sightline.api.driver.ConnectionSpec;

/** DS-4: the probe before the vendor client connects, and the probe's words for the client's socket failures. */
class TcpProbeTest {

    @Test
    void aListeningPortIsReached() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            assertDoesNotThrow(() -> TcpProbe.reach("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(5)));
        }
    }

    @Test
    void aBracketedIpv6LiteralIsReachedWithoutBrackets() throws Exception {
        InetAddress loopback6;
        try {
            loopback6 = InetAddress.getByName("::1");
        } catch (UnknownHostException e) {
            return;
        }
        try (ServerSocket server = new ServerSocket(0, 5, loopback6)) {
            assertDoesNotThrow(() -> TcpProbe.reach("[::1]", server.getLocalPort(), Duration.ofSeconds(5)));
        } catch (java.net.SocketException noIpv6) {
            // no IPv6 loopback on this machine
        }
    }

    @Test
    void aClosedPortIsATcpStep() throws Exception {
        int closed;
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            closed = server.getLocalPort();
        }
        StepException e = assertThrows(StepException.class,
                () -> TcpProbe.reach("127.0.0.1", closed, Duration.ofSeconds(5)));
        assertEquals(new ConnectFailure(Step.TCP, "Nothing answers at 127.0.0.1:" + closed
                + ": no server listens there, or a firewall refuses the connection."), e.failure());
        assertEquals("08001", e.getSQLState());
        assertTrue(e.getCause() instanceof ConnectException, String.valueOf(e.getCause()));
    }

    @Test
    void anUnknownHostIsADnsStep() {
        StepException e = assertThrows(StepException.class,
                () -> TcpProbe.reach("no-such-host.invalid", 1527, Duration.ofSeconds(5)));
        assertEquals(Step.DNS, e.failure().step());
        assertEquals("The host name no-such-host.invalid cannot be resolved (DNS). Check its spelling, or whether the "
                + "Sightline server can resolve it.", e.getMessage());
        assertTrue(e.getCause() instanceof UnknownHostException);
    }

    @Test
    void timeoutsInWords() {
        assertEquals("1 second", TcpProbe.timeoutInWords(Duration.ofMillis(1)));
        assertEquals("1 second", TcpProbe.timeoutInWords(Duration.ZERO));
        assertEquals("2 seconds", TcpProbe.timeoutInWords(Duration.ofMillis(1500)));
        assertEquals("10 seconds", TcpProbe.timeoutInWords(Duration.ofSeconds(10)));
    }

    private static final ConnectionSpec SPEC = new ConnectionSpec("db.example.com", 1527, "sales", "ann", Map.of(), null,
            Duration.ofSeconds(2));

    private static SQLException vendor(Throwable cause) {
        return new SQLException("could not connect", "08001", 0, cause);
    }

    @Test
    void vendorSocketFailuresInTheProbesWords() {
        assertEquals(new ConnectFailure(Step.DNS, "The host name db.example.com cannot be resolved (DNS)."),
                TcpProbe.explain(vendor(new UnknownHostException("db.example.com")), SPEC, "a Derby server", ""));
        assertEquals(new ConnectFailure(Step.TCP, "Nothing answers at db.example.com:1527: no server listens there, or a "
                + "firewall refuses the connection."),
                TcpProbe.explain(vendor(new ConnectException("Connection refused")), SPEC, "a Derby server", ""));
        assertEquals(Step.TCP, TcpProbe.explain(vendor(new NoRouteToHostException()), SPEC, "x", "").step());
        assertEquals(new ConnectFailure(Step.TCP, "No answer from db.example.com:1527 within 2 seconds: the server "
                + "accepted the connection but did not answer as an H2 server."),
                TcpProbe.explain(vendor(new SocketTimeoutException("Read timed out")), SPEC, "an H2 server", ""));
        assertEquals(new ConnectFailure(Step.TLS, "The TLS connection to db.example.com:1527 failed: Received fatal alert."
                + " Check the server's TLS."), TcpProbe.explain(vendor(new SSLHandshakeException("Received fatal alert.")),
                        SPEC, "x", "Check the server's TLS."));
        assertEquals(new ConnectFailure(Step.TLS, "The TLS connection to db.example.com:1527 failed: bad."),
                TcpProbe.explain(vendor(new SSLHandshakeException("bad")), SPEC, "x", ""));
        assertNull(TcpProbe.explain(new SQLException("Table not found", "42S02"), SPEC, "x", ""));
    }

    @Test
    void withoutTheDataSourceTheWordsStayGeneral() {
        assertEquals(new ConnectFailure(Step.DNS, "The host name cannot be resolved (DNS)."),
                TcpProbe.explain(vendor(new UnknownHostException()), null, "x", ""));
        assertEquals(new ConnectFailure(Step.TCP, "No answer from the server in time: the server accepted the connection "
                + "but did not answer as a Derby server."),
                TcpProbe.explain(vendor(new SocketTimeoutException()), null, "a Derby server", ""));
    }

    @Test
    void stepExceptionsAreFoundInTheChain() {
        StepException step = new StepException(new ConnectFailure(Step.DATABASE, "Database x was not found."), "XJ004",
                40000, new SQLException("vendor"));
        assertEquals(new ConnectFailure(Step.DATABASE, "Database x was not found."), step.failure());
        assertEquals("XJ004", step.getSQLState());
        assertEquals(40000, step.getErrorCode());
        assertSame(step, StepException.in(step));
        assertSame(step, StepException.in(new SQLException("pool", step)));
        SQLException withNext = new SQLException("first");
        withNext.setNextException(step);
        assertSame(step, StepException.in(withNext));
        assertNull(StepException.in(new SQLException("plain")));
    }
}
