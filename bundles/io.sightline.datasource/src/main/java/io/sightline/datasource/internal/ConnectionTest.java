package io.sightline.datasource.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.sightline.api.datasource.DataSourceDefinition;
import io.sightline.api.driver.ConnectFailure;
import io.sightline.api.driver.ConnectFailure.Step;
import io.sightline.api.driver.ConnectionSpec;
import io.sightline.api.driver.DatabaseDriver;
import io.sightline.api.driver.PasswordSource;
import io.sightline.api.driver.ServerInfo;
import io.sightline.api.driver.WriteAccess;

/**
 * "Test connection" (DS-4): each step in order with its duration and a message in plain words
 * (DNS, TCP, SSH, TLS, authentication, first query); the first failure ends the test. Uses a
 * fresh connection, never the pool, so that it tests what is typed in the form.
 */
final class ConnectionTest {

    /** One step's outcome; {@code hostKeyFingerprint} is set when an SSH key needs confirming. */
    record StepResult(Step step, boolean ok, long millis, String message, String hostKeyFingerprint) {}

    /** The whole test. */
    record Result(boolean ok, List<StepResult> steps, ServerInfo server, WriteAccess writeAccess) {}

    /** Plaintext secrets for one test; cleared when it ends. {@code clientKey}: the TLS client key, PEM, or null. */
    record Secrets(char[] password, SshTunnel.Credentials ssh, char[] clientKey) {
        void clear() {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            if (clientKey != null) {
                Arrays.fill(clientKey, '\0');
            }
            if (ssh != null) {
                ssh.clear();
            }
        }
    }

    private final List<StepResult> steps = new ArrayList<>();
    private long started;

    private ConnectionTest() {}

    static Result run(DatabaseDriver driver, DataSourceDefinition definition, Secrets secrets) {
        return new ConnectionTest().test(driver, definition, secrets);
    }

    private Result test(DatabaseDriver driver, DataSourceDefinition d, Secrets secrets) {
        ConnectionSpec spec = Connect.spec(d);
        boolean viaSsh = d.ssh() != null;
        String firstHost = viaSsh ? d.ssh().host() : d.host();
        int firstPort = viaSsh ? d.ssh().port() : d.port();
        long timeoutMs = spec.connectTimeout().toMillis();

        start();
        InetAddress address;
        try {
            address = CompletableFuture.supplyAsync(() -> {
                try {
                    return InetAddress.getByName(firstHost);
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException(e);
                }
            }).get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            return fail(Step.DNS, e instanceof TimeoutException
                    ? "No DNS answer for " + firstHost + " within " + timeoutMs / 1000 + " s."
                    : "The name " + firstHost + " is unknown (DNS).", null);
        }
        ok(Step.DNS, firstHost + " is " + address.getHostAddress() + ".");

        start();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, firstPort), (int) timeoutMs);
        } catch (SocketTimeoutException e) {
            return fail(Step.TCP, "No answer from " + firstHost + ":" + firstPort + " within " + timeoutMs / 1000
                    + " s. A firewall may drop the connection: allow Sightline's address.", null);
        } catch (IOException e) {
            return fail(Step.TCP, "Nothing answers at " + firstHost + ":" + firstPort + " (connection refused).", null);
        }
        ok(Step.TCP, "Connected to " + firstHost + ":" + firstPort + ".");

        SshTunnel tunnel = null;
        try {
            if (viaSsh) {
                start();
                try {
                    tunnel = SshTunnel.open(d.ssh(), secrets.ssh(), d.host(), d.port(), spec.connectTimeout());
                } catch (SshTunnel.HostKeyMismatch e) {
                    return fail(Step.SSH, e.getMessage(), e.presented);
                } catch (IOException | RuntimeException e) {
                    return fail(Step.SSH, sshMessage(e), null);
                }
                spec = spec.via(tunnel.localHost(), tunnel.localPort());
                ok(Step.SSH, "Tunnel through " + d.ssh().user() + "@" + d.ssh().host() + " to " + d.host() + ":" + d.port() + ".");
            }

            start();
            PasswordSource typed = new PasswordSource() {
                @Override
                public char[] password() {
                    return secrets.password() == null ? null : secrets.password().clone();
                }

                @Override
                public char[] tlsClientKey() {
                    return secrets.clientKey() == null ? null : secrets.clientKey().clone();
                }
            };
            try (Connection connection = driver.dataSource(spec, typed).getConnection()) {
                long connected = System.nanoTime();
                if (d.tls().mode() != io.sightline.api.driver.TlsSettings.Mode.DISABLE) {
                    steps.add(new StepResult(Step.TLS, true, millis(), "Encrypted (" + d.tls().mode().name().toLowerCase().replace('_', '-')
                            + (d.tls().hasClientCertificate() ? ", with the client certificate" : "") + ").", null));
                }
                steps.add(new StepResult(Step.AUTHENTICATION, true, millis(), "Signed in as " + d.user() + ".", null));
                started = connected;
                driver.prepareReadOnly(connection);
                try (Statement statement = connection.createStatement()) {
                    statement.setQueryTimeout((int) Math.max(1, timeoutMs / 1000));
                    statement.execute("SELECT 1");
                }
                ServerInfo server = driver.serverInfo(connection);
                WriteAccess access = driver.writeAccess(connection);
                ok(Step.QUERY, server.product() + " " + server.version() + " answered.");
                return new Result(true, List.copyOf(steps), server, access);
            } catch (SQLException e) {
                ConnectFailure failure = driver.explain(e);
                return fail(failure.step(), failure.message(), null);
            } catch (RuntimeException e) {
                return fail(Step.QUERY, "The driver failed unexpectedly (" + e.getClass().getSimpleName() + ").", null);
            }
        } finally {
            if (tunnel != null) {
                tunnel.close();
            }
        }
    }

    private static String sshMessage(Exception e) {
        String message = e.getMessage();
        if (message != null && message.startsWith("The SSH")) {
            return message;
        }
        return "The SSH connection failed" + (message == null ? "." : ": " + firstLine(message));
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private void start() {
        started = System.nanoTime();
    }

    private long millis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    private void ok(Step step, String message) {
        steps.add(new StepResult(step, true, millis(), message, null));
    }

    private Result fail(Step step, String message, String fingerprint) {
        steps.add(new StepResult(step, false, millis(), message, fingerprint));
        return new Result(false, List.copyOf(steps), null, null);
    }
}
