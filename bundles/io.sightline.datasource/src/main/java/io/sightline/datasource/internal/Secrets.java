package io.sightline.datasource.internal;

import java.io.IOException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.sightline.api.datasource.DataSourceDefinition;
import io.sightline.api.driver.PasswordSource;
import io.sightline.api.vault.CredentialVault;

/**
 * A data source's secrets, read from the vault at the moment they are needed (V-1) and never kept:
 * the database password and TLS client key for each new connection, the SSH secrets while a
 * tunnel opens.
 */
@Component(service = Secrets.class)
public class Secrets {
    private final CredentialVault vault;

    @Activate
    public Secrets(@Reference CredentialVault vault) {
        this.vault = vault;
    }

    /**
     * The password, and the TLS client key when the data source has a client certificate, opened
     * from the vault each time the driver asks (once per new connection).
     */
    PasswordSource password(DataSourceDefinition definition) {
        String organization = definition.organizationId();
        String password = DataSourceDefinition.secretName(definition.id(), DataSourceDefinition.PASSWORD);
        String clientKey = DataSourceDefinition.secretName(definition.id(), DataSourceDefinition.TLS_CLIENT_KEY);
        boolean hasClientCertificate = definition.tls().hasClientCertificate();
        return new PasswordSource() {
            @Override
            public char[] password() {
                return vault.open(organization, password);
            }

            @Override
            public char[] tlsClientKey() {
                return hasClientCertificate ? vault.open(organization, clientKey) : null;
            }

            @Override
            public String toString() {
                return "vault secrets of data source " + definition.id();
            }
        };
    }

    /** Opens the data source's SSH tunnel, or answers null when it has none. */
    SshTunnel openTunnel(DataSourceDefinition definition) throws IOException {
        if (definition.ssh() == null) {
            return null;
        }
        SshTunnel.Credentials credentials = new SshTunnel.Credentials(
                open(definition, DataSourceDefinition.SSH_PRIVATE_KEY),
                open(definition, DataSourceDefinition.SSH_PASSPHRASE),
                open(definition, DataSourceDefinition.SSH_PASSWORD));
        try {
            return SshTunnel.open(definition.ssh(), credentials, definition.host(), definition.port(), Connect.TIMEOUT);
        } finally {
            credentials.clear();
        }
    }

    private char[] open(DataSourceDefinition definition, String secret) {
        return vault.open(definition.organizationId(), DataSourceDefinition.secretName(definition.id(), secret));
    }

    CredentialVault vault() {
        return vault;
    }
}
