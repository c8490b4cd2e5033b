package io.sightline.driver.support;

import java.sql.SQLException;
import java.time.Duration;

/**
 * A failed connection attempt with what was being attempted (host, port, timeout, whether a custom
 * certificate authority was trusted, whether a client certificate was presented), so that {@code explain} can name the address and the wait.
 * Keeps the vendor's message, SQLState and error code, with the vendor exception as its cause;
 * carries no secret.
 *
 * <p>Why here: a driver's data source throws it, and {@link FailureChain} reads it when the driver
 * explains the failure later, without the data source at hand. Immutable.
 */
public final class ConnectAttemptException extends SQLException {
    private static final long serialVersionUID = 1L;

    private final String host;
    private final int port;
    private final Duration timeout;
    private final boolean customCa;
    private final boolean clientCertificate;

    /**
     * @param cause the vendor's exception
     * @param customCa whether the data source trusts its own certificate authority rather than the JVM's
     */
    public ConnectAttemptException(SQLException cause, String host, int port, Duration timeout, boolean customCa) {
        this(cause, host, port, timeout, customCa, false);
    }

    /**
     * @param cause the vendor's exception
     * @param customCa whether the data source trusts its own certificate authority rather than the JVM's
     * @param clientCertificate whether the attempt presented a TLS client certificate
     */
    public ConnectAttemptException(SQLException cause, String host, int port, Duration timeout, boolean customCa,
            boolean clientCertificate) {
        super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
        this.host = host;
        this.port = port;
        this.timeout = timeout;
        this.customCa = customCa;
        this.clientCertificate = clientCertificate;
    }

    /** The host as the data source names it (after an SSH tunnel: the tunnel's local end). */
    public String host() {
        return host;
    }

    /** The TCP port that was tried. */
    public int port() {
        return port;
    }

    /** host:port, with brackets around an IPv6 address. */
    public String address() {
        return ConnectionSpecChecks.urlHost(host) + ":" + port;
    }

    /** The connect timeout of the attempt. */
    public Duration timeout() {
        return timeout;
    }

    /** Whether the data source trusts its own certificate authority rather than the JVM's. */
    public boolean customCa() {
        return customCa;
    }

    /** Whether the attempt presented a TLS client certificate. */
    public boolean clientCertificate() {
        return clientCertificate;
    }
}
