package io.sightline.api.datasource;

import java.time.Instant;
import java.util.Map;

import io.sightline.api.driver.TlsSettings;

/**
 * A data source as stored (DS-3), without its secrets: those (password, SSH key, passphrase and
 * password, TLS client key) are in the vault under {@link #secretName}.
 *
 * @param id stable id
 * @param organizationId owner
 * @param name shown to people, unique in the organization
 * @param driver the driver id, e.g. {@code postgresql} (the driver module may be absent)
 * @param host host name or address
 * @param port TCP port
 * @param database database name
 * @param user login name
 * @param options driver connection options (validated by the driver's allow-list)
 * @param tls TLS settings
 * @param ssh SSH tunnel, or null
 * @param readOnlyEnforced refuse statements that are not queries (DS-6)
 * @param queryTimeoutSeconds per-query timeout
 * @param cacheTtlSeconds how long results stay in the cache, 0 = never cached (C-1, at most 24 h)
 * @param operatorDefined defined by ops in {@code etc/} (may be embedded; never changed through the API)
 * @param createdBy user id of the creator
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record DataSourceDefinition(String id, String organizationId, String name, String driver, String host, int port,
        String database, String user, Map<String, String> options, TlsSettings tls, SshTunnel ssh,
        boolean readOnlyEnforced, int queryTimeoutSeconds, int cacheTtlSeconds, boolean operatorDefined, String createdBy, Instant createdAt, Instant updatedAt) {

    /** The cache lifetime of a new data source's results: one hour. */
    public static final int DEFAULT_CACHE_TTL_SECONDS = 3600;
    /** The longest a result may be cached (C-1). */
    public static final int MAX_CACHE_TTL_SECONDS = 86_400;

    public static final String PASSWORD = "password";
    public static final String SSH_PRIVATE_KEY = "ssh-private-key";
    public static final String SSH_PASSPHRASE = "ssh-passphrase";
    public static final String SSH_PASSWORD = "ssh-password";
    /** The private key of the TLS client certificate ({@link TlsSettings#clientCertificatePem()}), PEM. */
    public static final String TLS_CLIENT_KEY = "tls-client-key";

    public DataSourceDefinition {
        options = options == null ? Map.of() : Map.copyOf(options);
        tls = tls == null ? TlsSettings.DISABLED : tls;
    }

    /** The vault name of one of this data source's secrets, e.g. {@code datasource:42:password}. */
    public static String secretName(String dataSourceId, String secret) {
        return secretPrefix(dataSourceId) + secret;
    }

    /** The prefix of every vault name of this data source's secrets. */
    public static String secretPrefix(String dataSourceId) {
        return "datasource:" + dataSourceId + ":";
    }

    /**
     * An SSH hop in front of the database (DS-3).
     *
     * @param host the SSH server
     * @param port its port
     * @param user SSH login
     * @param hostKeyFingerprint the pinned server key, {@code SHA256:…}, confirmed by an admin
     */
    public record SshTunnel(String host, int port, String user, String hostKeyFingerprint) {}
}
