package io.sightline.driver.support;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Set;

import javax.net.ssl.SSLException;

import io.sightline.api.driver.ConnectFailure;
import io.sightline.api.driver.ConnectFailure.Step;

/**
 * What the Java exceptions inside a failed connection attempt tell, whatever the vendor: DNS, TCP
 * and TLS failures (SPEC DS-4). Reads the {@link ConnectAttemptException} in the chain, when there
 * is one, for the address and the timeout. Messages are built from the failure's facts, never from
 * stack traces.
 *
 * <p>Why here: the vendor clients wrap the same JDK exceptions in different ways; each driver asks
 * this class first and then interprets its vendor's own messages and codes. An instance reads one
 * failure and is immutable; the static methods are thread-safe.
 */
public final class FailureChain {
    /** How many exceptions of a chain are looked at, at most: chains may be long, or loop. */
    private static final int MAX_EXCEPTIONS = 32;

    private final SQLException failure;
    private final ConnectAttemptException attempt;

    /** Reads {@code failure}, which may or may not hold a {@link ConnectAttemptException}. */
    public FailureChain(SQLException failure) {
        this.failure = failure;
        this.attempt = find(failure, ConnectAttemptException.class);
    }

    /**
     * The exception, its causes and their next exceptions ({@link SQLException#getNextException}),
     * each once, breadth first, at most 32.
     */
    public static Iterable<Throwable> causes(Throwable first) {
        Set<Throwable> seen = new LinkedHashSet<>();
        ArrayDeque<Throwable> todo = new ArrayDeque<>();
        todo.add(first);
        while (!todo.isEmpty() && seen.size() < MAX_EXCEPTIONS) {
            Throwable t = todo.poll();
            if (t == null || !seen.add(t)) {
                continue;
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                todo.add(sql.getNextException());
            }
        }
        return seen;
    }

    /** The first exception of {@code type} among {@link #causes}, or null. */
    public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        if (failure == null) {
            return null;
        }
        for (Throwable t : causes(failure)) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The first exception of {@code type} in this failure's chain, or null. */
    public <T extends Throwable> T find(Class<T> type) {
        return find(failure, type);
    }

    /** The vendor's exception: the failure itself, or the one a connection attempt wrapped. */
    public SQLException vendor() {
        return attempt != null && attempt.getCause() instanceof SQLException vendor ? vendor : failure;
    }

    /** host:port of the attempt, or a stand-in when the failure did not come from a connection attempt. */
    public String address() {
        return attempt != null ? attempt.address() : "the server's host and port";
    }

    /** The host of the attempt, or {@code fallback}. */
    public String host(String fallback) {
        return attempt != null ? attempt.host() : fallback;
    }

    /** Whether the attempt trusted the data source's own certificate authority. */
    public boolean customCa() {
        return attempt != null && attempt.customCa();
    }

    /** The attempt's connect timeout in words ("10 s", "2500 ms"). */
    public String timeout() {
        if (attempt == null) {
            return "the connect timeout";
        }
        Duration timeout = attempt.timeout();
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    /** DNS or TCP, when the chain says so; else null. */
    public ConnectFailure network() {
        UnknownHostException unknown = find(UnknownHostException.class);
        if (unknown != null) {
            String host = host(hostOf(unknown));
            return new ConnectFailure(Step.DNS, "The host name " + host
                    + " could not be found (DNS). Check its spelling, or use the server's IP address.");
        }
        if (find(ConnectException.class) != null) {
            return new ConnectFailure(Step.TCP, "Nothing answers at " + address()
                    + ": the connection was refused. Check the host and the port, and that the database server "
                    + "accepts TCP connections.");
        }
        SocketException socket = find(SocketException.class);
        if (find(NoRouteToHostException.class) != null
                || socket != null && String.valueOf(socket.getMessage()).contains("unreachable")) {
            return new ConnectFailure(Step.TCP, "There is no network route to " + address()
                    + ". Check the host, and any firewall between Sightline and the database server.");
        }
        return null;
    }

    /**
     * The server hung up during login (an EOF inside a connection attempt): usually another service
     * listens on that port. Null otherwise.
     *
     * @param product the database in words, e.g. {@code PostgreSQL}
     */
    public ConnectFailure closedDuringLogin(String product) {
        if (attempt == null || find(EOFException.class) == null) {
            return null;
        }
        return new ConnectFailure(Step.TCP, "The server at " + address() + " closed the connection before the login "
                + "finished. Check that this port belongs to a " + product + " server.");
    }

    /** No answer within the connect timeout. */
    public ConnectFailure timedOut() {
        return new ConnectFailure(Step.TCP, "No answer from " + address() + " within " + timeout()
                + ". Check the host and the port, and any firewall between Sightline and the database server.");
    }

    /** Whether a socket read or connect timed out somewhere in the chain. */
    public boolean socketTimedOut() {
        return find(SocketTimeoutException.class) != null;
    }

    /** TLS, when the chain holds an SSLException; else null. */
    public ConnectFailure tls() {
        SSLException ssl = find(SSLException.class);
        if (ssl == null) {
            return null;
        }
        if (find(CertPathBuilderException.class) != null || find(CertPathValidatorException.class) != null
                || find(CertificateException.class) != null || String.valueOf(ssl.getMessage()).contains("PKIX")) {
            return untrusted();
        }
        ConnectFailure clientCertificate = clientCertificateRefused();
        if (clientCertificate != null) {
            return clientCertificate;
        }
        return handshakeFailed(ssl.getMessage());
    }

    /**
     * The TLS handshake failed for a reason the vendor states in {@code detail} (its first line is
     * quoted). When the attempt presented a client certificate, the server hanging up during the
     * handshake usually means it refused that certificate, so the sentence says so.
     */
    public ConnectFailure handshakeFailed(String detail) {
        String line = detail == null ? "" : Sql.firstLine(detail).strip();
        String message = "The TLS handshake with " + address() + " failed"
                + (line.isEmpty() ? "." : ": " + line + (line.endsWith(".") ? "" : "."));
        if (attempt != null && attempt.clientCertificate()) {
            message += " The server may have refused the TLS client certificate: it must be valid and signed by an "
                    + "authority the database server trusts for client certificates.";
        }
        return new ConnectFailure(Step.TLS, message);
    }

    /**
     * The server sent a TLS alert about the client's certificate: it wants one
     * ({@code certificate_required}), or refused the one sent (an authority it does not trust, an
     * expired or revoked certificate, a signature its key did not make). Null otherwise. Only alerts
     * received count: the ones this side sends are about the server's certificate.
     */
    public ConnectFailure clientCertificateRefused() {
        for (Throwable t : causes(failure)) {
            if (!(t instanceof SSLException)) {
                continue;
            }
            String message = String.valueOf(t.getMessage());
            int at = message.indexOf("Received fatal alert: ");
            if (at < 0) {
                continue;
            }
            String alert = message.substring(at + 22).split("[\\s.]", 2)[0];
            switch (alert) {
                case "certificate_required":
                    return new ConnectFailure(Step.TLS, "The server at " + address() + " requires a TLS client "
                            + "certificate: add the client certificate and its key to the data source's TLS settings.");
                case "unknown_ca", "bad_certificate", "certificate_unknown", "unsupported_certificate",
                        "certificate_expired", "certificate_revoked", "access_denied", "decrypt_error":
                    return new ConnectFailure(Step.TLS, "The server at " + address() + " refused the TLS client "
                            + "certificate (" + alert + "): it must be valid, signed by an authority the database "
                            + "server trusts for client certificates, and sent with its own key.");
                default:
                    break;
            }
        }
        return null;
    }

    /** The server's certificate does not chain to the trusted authority. */
    public ConnectFailure untrusted() {
        return new ConnectFailure(Step.TLS, "The server's TLS certificate is not trusted: it does not chain to "
                + (customCa() ? "the certificate authority in the data source's TLS settings."
                        : "an authority the Sightline server trusts. Paste the database's CA certificate into the "
                                + "TLS settings, or use TLS mode require."));
    }

    /** The server's certificate names other hosts (verify-full). */
    public ConnectFailure wrongHostName() {
        return new ConnectFailure(Step.TLS, "The server's TLS certificate is not issued for " + host("this host name")
                + ". Connect with a name the certificate lists, or use TLS mode verify-ca.");
    }

    /** TLS was asked for, and the server has it off. */
    public ConnectFailure noTlsAtServer() {
        return new ConnectFailure(Step.TLS, "The server at " + address()
                + " does not accept TLS connections. Turn TLS on at the server, or set the TLS mode to disable.");
    }

    private static String hostOf(UnknownHostException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return "of the server";
        }
        int colon = message.indexOf(':');
        return colon > 0 ? message.substring(0, colon) : message;
    }

    /** The first line of a message with a capital letter and a full stop. */
    public static String sentence(String message) {
        String line = Sql.firstLine(message);
        if (line.isEmpty()) {
            return "The server gave no reason.";
        }
        line = Character.toUpperCase(line.charAt(0)) + line.substring(1);
        return line.endsWith(".") ? line : line + ".";
    }

    /**
     * The first line of an exception's message (its class name when it has none), without trailing
     * dots and whitespace, to be quoted inside a sentence.
     */
    public static String text(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        return message.strip().replaceAll("[.\\s]+$", "");
    }
}
