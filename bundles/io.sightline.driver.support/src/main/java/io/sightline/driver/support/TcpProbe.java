package io.sightline.driver.support;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

import javax.net.ssl.SSLException;

import io.sightline.api.driver.ConnectFailure;
import io.sightline.api.driver.ConnectFailure.Step;
import io.sightline.api.driver.ConnectionSpec;

/**
 * Resolves the host and opens (then closes) a TCP connection within the data source's connect
 * timeout, before the vendor client tries; and explains the socket failures of a vendor client in
 * the same words (SPEC DS-4).
 *
 * <p>Why: some vendor clients (Derby's, H2's) connect their sockets without a timeout of ours, and
 * this way a wrong host or port is reported as its own step, DNS or TCP, within the connect
 * timeout. Stateless and thread-safe; {@link #reach} blocks for at most the timeout.
 */
public final class TcpProbe {
    /** SQLState of the probe's failures: a client unable to establish the connection. */
    public static final String SQLSTATE = "08001";

    private TcpProbe() {}

    /**
     * Connects to each address of {@code host} in turn until one answers, all within {@code timeout}.
     *
     * @throws StepException DNS when the host cannot be resolved, TCP when no address answers
     */
    public static void reach(String host, int port, Duration timeout) throws StepException {
        String socketHost = ConnectionSpecChecks.socketHost(host);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(socketHost);
        } catch (UnknownHostException e) {
            throw new StepException(new ConnectFailure(Step.DNS, "The host name " + host
                    + " cannot be resolved (DNS). Check its spelling, or whether the Sightline server can resolve it."),
                    SQLSTATE, 0, e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        for (InetAddress address : addresses) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, port), (int) Math.min(Integer.MAX_VALUE, left));
                return;
            } catch (IOException e) {
                last = e;
            }
            if (System.nanoTime() >= deadline) {
                break;
            }
        }
        if (last instanceof SocketTimeoutException) {
            throw new StepException(new ConnectFailure(Step.TCP, "No answer from " + host + ":" + port + " within "
                    + timeoutInWords(timeout) + ": the server may be down, or a firewall may drop the connection."),
                    SQLSTATE, 0, last);
        }
        throw new StepException(new ConnectFailure(Step.TCP, "Nothing answers at " + host + ":" + port
                + ": no server listens there, or a firewall refuses the connection."), SQLSTATE, 0, last);
    }

    /**
     * What the socket exceptions in a vendor client's failure say (DNS, TLS, TCP), in the words of
     * {@link #reach}; null when the chain holds none of them.
     *
     * @param spec the data source that was connecting, or null when the failure is explained later
     *     without it
     * @param server the server in words, e.g. {@code a Derby server}
     * @param tlsAdvice a sentence to add to TLS failures, or the empty string
     */
    public static ConnectFailure explain(Throwable failure, ConnectionSpec spec, String server, String tlsAdvice) {
        String where = spec == null ? "the server" : spec.host() + ":" + spec.port();
        for (Throwable t : FailureChain.causes(failure)) {
            if (t instanceof UnknownHostException) {
                return new ConnectFailure(Step.DNS, "The host name " + (spec == null ? "" : spec.host() + " ")
                        + "cannot be resolved (DNS).");
            }
            if (t instanceof SSLException) {
                return new ConnectFailure(Step.TLS, "The TLS connection to " + where + " failed: "
                        + FailureChain.text(t) + "." + (tlsAdvice.isEmpty() ? "" : " " + tlsAdvice));
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new ConnectFailure(Step.TCP, "Nothing answers at " + where
                        + ": no server listens there, or a firewall refuses the connection.");
            }
            if (t instanceof SocketTimeoutException) {
                return new ConnectFailure(Step.TCP, "No answer from " + where
                        + (spec == null ? " in time" : " within " + timeoutInWords(spec.connectTimeout()))
                        + ": the server accepted the connection but did not answer as " + server + ".");
            }
        }
        return null;
    }

    /** A timeout in whole seconds, rounded up: "1 second", "10 seconds". */
    public static String timeoutInWords(Duration timeout) {
        long s = Math.max(1, (timeout.toMillis() + 999) / 1000);
        return s == 1 ? "1 second" : s + " seconds";
    }
}
