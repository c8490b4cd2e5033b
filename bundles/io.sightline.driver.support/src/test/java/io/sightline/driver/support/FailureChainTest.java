package io.sightline.driver.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import io.sightline.api.driver.ConnectFailure;
import io.sightline.api.driver.ConnectFailure.Step;

/** DS-4: what the JDK exceptions inside a failed connection attempt tell, with constructed failures. */
class FailureChainTest {

    private static ConnectAttemptException attempt(SQLException vendor) {
        return new ConnectAttemptException(vendor, "db.example.com", 5432, Duration.ofSeconds(10), false);
    }

    private static SQLException vendor(String message, Throwable cause) {
        return new SQLException(message, "08001", 0, cause);
    }

    @Test
    void theAttemptKeepsTheVendorsFactsAndNamesTheAddress() {
        SQLException vendor = new SQLException("refused", "08001", 17);
        ConnectAttemptException attempt = new ConnectAttemptException(vendor, "::1", 5433, Duration.ofMillis(2500), true);
        assertEquals("refused", attempt.getMessage());
        assertEquals("08001", attempt.getSQLState());
        assertEquals(17, attempt.getErrorCode());
        assertSame(vendor, attempt.getCause());
        assertEquals("[::1]:5433", attempt.address());
        assertEquals("db:1", new ConnectAttemptException(vendor, "db", 1, Duration.ofSeconds(1), false).address());
        assertTrue(attempt.customCa());

        FailureChain chain = new FailureChain(attempt);
        assertSame(vendor, chain.vendor());
        assertEquals("[::1]:5433", chain.address());
        assertEquals("::1", chain.host("x"));
        assertEquals("2500 ms", chain.timeout());
        assertEquals("10 s", new FailureChain(attempt(vendor)).timeout());
    }

    @Test
    void withoutAnAttemptTheMessagesUseStandIns() {
        SQLException plain = new SQLException("x");
        FailureChain chain = new FailureChain(plain);
        assertSame(plain, chain.vendor());
        assertEquals("the server's host and port", chain.address());
        assertEquals("fallback", chain.host("fallback"));
        assertEquals("the connect timeout", chain.timeout());
        assertFalse(chain.customCa());
        assertNull(chain.closedDuringLogin("PostgreSQL"), "an EOF outside a connection attempt says nothing");
    }

    @Test
    void unknownHostsAreDns() {
        assertEquals(new ConnectFailure(Step.DNS, "The host name db.example.com could not be found (DNS). Check its "
                + "spelling, or use the server's IP address."),
                new FailureChain(attempt(vendor("failed", new UnknownHostException("other.example")))).network());
        // without an attempt the host comes from the JDK's message
        ConnectFailure dns = new FailureChain(vendor("failed",
                new UnknownHostException("x.invalid: Name or service not known"))).network();
        assertEquals(Step.DNS, dns.step());
        assertTrue(dns.message().startsWith("The host name x.invalid could not be found"), dns.message());
        assertTrue(new FailureChain(vendor("failed", new UnknownHostException())).network().message()
                .startsWith("The host name of the server could not"));
    }

    @Test
    void refusedAndUnroutableAreTcp() {
        assertEquals(new ConnectFailure(Step.TCP, "Nothing answers at db.example.com:5432: the connection was refused. "
                + "Check the host and the port, and that the database server accepts TCP connections."),
                new FailureChain(attempt(vendor("refused", new ConnectException("Connection refused")))).network());
        ConnectFailure noRoute = new FailureChain(attempt(vendor("x", new NoRouteToHostException("No route")))).network();
        assertEquals(Step.TCP, noRoute.step());
        assertTrue(noRoute.message().startsWith("There is no network route to db.example.com:5432."), noRoute.message());
        assertEquals(Step.TCP, new FailureChain(attempt(vendor("x", new SocketException("Network is unreachable"))))
                .network().step());
        assertNull(new FailureChain(attempt(vendor("x", new SocketException("Connection reset")))).network());
        assertNull(new FailureChain(new SQLException("syntax error")).network());
    }

    @Test
    void timeoutsAndHangUps() {
        FailureChain timeout = new FailureChain(attempt(vendor("failed", new SocketTimeoutException("Connect timed out"))));
        assertTrue(timeout.socketTimedOut());
        assertEquals(new ConnectFailure(Step.TCP, "No answer from db.example.com:5432 within 10 s. Check the host and "
                + "the port, and any firewall between Sightline and the database server."), timeout.timedOut());
        assertFalse(new FailureChain(new SQLException("x")).socketTimedOut());

        FailureChain eof = new FailureChain(attempt(vendor("failed", new EOFException())));
        assertEquals(new ConnectFailure(Step.TCP, "The server at db.example.com:5432 closed the connection before the "
                + "login finished. Check that this port belongs to a MariaDB or MySQL server."),
                eof.closedDuringLogin("MariaDB or MySQL"));
    }

    @Test
    void certificateProblemsAreTls() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path validation failed");
        handshake.initCause(new CertPathValidatorException("signature check failed"));
        assertEquals(new ConnectFailure(Step.TLS, "The server's TLS certificate is not trusted: it does not chain to an "
                + "authority the Sightline server trusts. Paste the database's CA certificate into the TLS settings, or "
                + "use TLS mode require."), new FailureChain(attempt(vendor("SSL error", handshake))).tls());
        ConnectAttemptException withCa = new ConnectAttemptException(vendor("SSL error", handshake), "db", 1,
                Duration.ofSeconds(1), true);
        assertEquals(new ConnectFailure(Step.TLS, "The server's TLS certificate is not trusted: it does not chain to the "
                + "certificate authority in the data source's TLS settings."), new FailureChain(withCa).tls());
        assertEquals(Step.TLS, new FailureChain(attempt(vendor("x",
                new SSLHandshakeException("PKIX path building failed")))).tls().step());

        assertEquals(new ConnectFailure(Step.TLS,
                "The TLS handshake with db.example.com:5432 failed: Received fatal alert: protocol_version."),
                new FailureChain(attempt(vendor("x", new SSLHandshakeException("Received fatal alert: protocol_version"))))
                        .tls());
        assertEquals(new ConnectFailure(Step.TLS, "The TLS handshake with db.example.com:5432 failed."),
                new FailureChain(attempt(vendor("x", new SSLHandshakeException(null)))).tls());
        assertNull(new FailureChain(attempt(vendor("x", new ConnectException()))).tls());
    }

    @Test
    void alertsAboutTheClientCertificateSaySo() {
        assertEquals(new ConnectFailure(Step.TLS, "The server at db.example.com:5432 requires a TLS client certificate: "
                + "add the client certificate and its key to the data source's TLS settings."),
                new FailureChain(attempt(vendor("x", new SSLHandshakeException("Received fatal alert: certificate_required"))))
                        .tls());
        for (String alert : List.of("unknown_ca", "bad_certificate", "certificate_expired", "decrypt_error")) {
            assertEquals(new ConnectFailure(Step.TLS, "The server at db.example.com:5432 refused the TLS client "
                    + "certificate (" + alert + "): it must be valid, signed by an authority the database server trusts "
                    + "for client certificates, and sent with its own key."),
                    new FailureChain(attempt(vendor("x", new javax.net.ssl.SSLException("Received fatal alert: " + alert))))
                            .tls());
        }
        // alerts this side sends are about the server's certificate
        assertNull(new FailureChain(attempt(vendor("x", new SSLHandshakeException("Sent fatal alert: unknown_ca"))))
                .clientCertificateRefused());
    }

    @Test
    void aHandshakeThatBreaksOffWithAClientCertificateSuggestsTheCertificate() {
        ConnectAttemptException withCertificate = new ConnectAttemptException(vendor("SSL error: Broken pipe",
                new SocketException("Broken pipe")), "db", 5432, Duration.ofSeconds(1), false, true);
        assertEquals(new ConnectFailure(Step.TLS, "The TLS handshake with db:5432 failed: Broken pipe. The server may "
                + "have refused the TLS client certificate: it must be valid and signed by an authority the database "
                + "server trusts for client certificates."), new FailureChain(withCertificate).handshakeFailed("Broken pipe"));
        assertEquals(new ConnectFailure(Step.TLS, "The TLS handshake with db.example.com:5432 failed: Broken pipe."),
                new FailureChain(attempt(new SQLException("x"))).handshakeFailed("Broken pipe"));
    }

    @Test
    void theOtherTlsSentences() {
        FailureChain chain = new FailureChain(attempt(new SQLException("x")));
        assertEquals(new ConnectFailure(Step.TLS, "The server's TLS certificate is not issued for db.example.com. Connect "
                + "with a name the certificate lists, or use TLS mode verify-ca."), chain.wrongHostName());
        assertEquals(new ConnectFailure(Step.TLS, "The server at db.example.com:5432 does not accept TLS connections. "
                + "Turn TLS on at the server, or set the TLS mode to disable."), chain.noTlsAtServer());
    }

    @Test
    void causesIncludeNextExceptionsEachOnceAndStop() {
        SQLException first = new SQLException("first");
        SQLException next = new SQLException("next", new IOException("io"));
        first.setNextException(next);
        List<String> messages = new ArrayList<>();
        FailureChain.causes(first).forEach(t -> messages.add(t.getMessage()));
        assertEquals(List.of("first", "next", "io"), messages);
        assertTrue(FailureChain.find(first, IOException.class) != null);

        // a chain that loops through next exceptions ends
        SQLException a = new SQLException("a");
        SQLException b = new SQLException("b");
        a.setNextException(b);
        b.setNextException(a);
        int count = 0;
        for (Throwable ignored : FailureChain.causes(a)) {
            count++;
        }
        assertEquals(2, count);

        // long chains are cut
        Throwable deep = new IOException("bottom");
        for (int i = 0; i < 100; i++) {
            deep = new RuntimeException("level " + i, deep);
        }
        assertNull(FailureChain.find(deep, IOException.class));
        assertNull(FailureChain.find(null, IOException.class));
    }

    @Test
    void sentencesAndTexts() {
        assertEquals("Relation \"x\" does not exist.", FailureChain.sentence("relation \"x\" does not exist\n  Position: 15"));
        assertEquals("Done.", FailureChain.sentence("Done."));
        assertEquals("The server gave no reason.", FailureChain.sentence(null));
        assertEquals("Connection refused", FailureChain.text(new ConnectException("Connection refused. \nat x")));
        assertEquals("SocketTimeoutException", FailureChain.text(new SocketTimeoutException()));
    }
}
