package io.sightline.datasource.internal;

import java.util.Map;

/**
 * A data source as the API receives it (create, update, test). Secret fields: absent or null keeps
 * the stored value, a string replaces it, {@code ""} removes it.
 */
public record DataSourceInput(String id, String name, String driver, String host, Integer port, String database,
        String user, String password, Map<String, String> options, Tls tls, Ssh ssh, Boolean readOnlyEnforced,
        Integer queryTimeoutSeconds, Integer cacheTtlSeconds) {

    public record Tls(String mode, String caCertificate) {}

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
