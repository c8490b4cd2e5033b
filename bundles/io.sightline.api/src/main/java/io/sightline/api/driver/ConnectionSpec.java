package io.sightline.api.driver;

import java.time.Duration;
import java.util.Map;

/**
 * Where and as whom to connect; no secret is part of this record, so it may be logged.
 *
 * @param host host name or address (after an SSH tunnel: the local forwarded address); for an
 *     embedded database (operator-defined only) the empty string
 * @param port TCP port
 * @param database database (catalog) name; for an embedded database, its directory or name
 * @param user login name
 * @param options driver-specific connection properties, never null
 * @param tls how to use TLS
 * @param connectTimeout longest wait for the connection, TLS and authentication together
 */
public record ConnectionSpec(String host, int port, String database, String user, Map<String, String> options,
        TlsSettings tls, Duration connectTimeout) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public ConnectionSpec {
        options = options == null ? Map.of() : Map.copyOf(options);
        tls = tls == null ? TlsSettings.DISABLED : tls;
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
    }

    /** The same spec reached through another address (the local end of an SSH tunnel). */
    public ConnectionSpec via(String newHost, int newPort) {
        return new ConnectionSpec(newHost, newPort, database, user, options, tls, connectTimeout);
    }
}
