package io.sightline.api.driver;

import java.util.Map;

/**
 * Where and as whom to connect; no secret is part of this record, so it may be logged.
 *
 * @param host host name or address (after an SSH tunnel: the local forwarded address)
 * @param port TCP port
 * @param database database (catalog) name
 * @param user login name
 * @param options validated driver-specific connection properties, never null
 */
public record ConnectionSpec(String host, int port, String database, String user, Map<String, String> options) {
    public ConnectionSpec {
        options = Map.copyOf(options);
    }
}
