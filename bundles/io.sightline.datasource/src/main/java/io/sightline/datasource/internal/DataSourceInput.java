package io.sightline.datasource.internal;

import java.util.Map;

/**
 * A data source as the API receives it (create, update, test). Secret fields (password, the SSH
 * key, passphrase and password, {@code tls.clientKey}): absent or null keeps the stored value, a
 * string replaces it, {@code ""} removes it.
 */
public record DataSourceInput(String id, String name, String driver, String host, Integer port, String database,
        String user, String password, Map<String, String> options, Tls tls, Ssh ssh, Boolean readOnlyEnforced,
        Integer queryTimeoutSeconds, Integer cacheTtlSeconds) {

    /**
     * TLS settings. {@code clientCertificate} is public PEM, stored with the data source and shown;
     * like a secret, absent or null keeps the stored one (so a client unaware of it cannot drop it)
     * and {@code ""} removes it, with its key. {@code clientKey} is its private key, a secret like
     * the password (kept in the vault only, never shown).
     */
    public record Tls(String mode, String caCertificate, String clientCertificate, String clientKey) {

        @Override
        public String toString() {
            return "Tls[" + mode + (clientKey == null ? "" : ", client key given") + "]"; // never the key
        }
    }

    public record Ssh(String host, Integer port, String user, String privateKey, String passphrase, String password,
            String hostKeyFingerprint) {

        @Override
        public String toString() {
            return "Ssh[" + user + "@" + host + ":" + port + "]"; // never the secrets
        }
    }

    @Override
    public String toString() {
        return "DataSourceInput[" + name + ", " + driver + ", " + user + "@" + host + ":" + port + "/" + database + "]";
    }
}
