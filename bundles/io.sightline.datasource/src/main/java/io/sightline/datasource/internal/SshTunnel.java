package io.sightline.datasource.internal;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Arrays;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.common.util.security.SecurityUtils;

import io.sightline.api.datasource.DataSourceDefinition;

/**
 * A local port forwarded through an SSH hop to the database (DS-3), with Apache MINA SSHD: the
 * server key must match the fingerprint an admin confirmed (a different key fails before any
 * password or key is sent), authentication by private key or password, and strict key exchange
 * (the Terrapin fix, CVE-2023-48795, on by default in MINA SSHD 2.12 and later). Close it to stop
 * forwarding.
 */
final class SshTunnel implements AutoCloseable {
    private final SshClient client;
    private final ClientSession session;
    private final SshdSocketAddress local;

    /** Thrown when the server's key is not the pinned one (or none is pinned yet). */
    static final class HostKeyMismatch extends IOException {
        private static final long serialVersionUID = 1L;
        final String presented;

        HostKeyMismatch(String presented, boolean pinned) {
            super(pinned ? "The SSH server presented key " + presented + ", not the confirmed one. "
                    + "If the server's key really changed, confirm the new one."
                    : "The SSH server presented key " + presented + ". Check it with the server's admin, then confirm it.");
            this.presented = presented;
        }
    }

    /** Secrets for the hop, cleared by the caller after {@link #open}. */
    record Credentials(char[] privateKey, char[] passphrase, char[] password) {
        void clear() {
            for (char[] secret : new char[][] {privateKey, passphrase, password}) {
                if (secret != null) {
                    Arrays.fill(secret, '\0');
                }
            }
        }
    }

    private SshTunnel(SshClient client, ClientSession session, SshdSocketAddress local) {
        this.client = client;
        this.session = session;
        this.local = local;
    }

    static SshTunnel open(DataSourceDefinition.SshTunnel hop, Credentials credentials, String targetHost, int targetPort,
            Duration timeout) throws IOException {
        SshClient client = SshClient.setUpDefaultClient();
        String[] presented = new String[1];
        ServerKeyVerifier pinned = (ClientSession s, SocketAddress remote, PublicKey key) -> {
            presented[0] = KeyUtils.getFingerPrint(key);
            return presented[0].equals(hop.hostKeyFingerprint());
        };
        client.setServerKeyVerifier(pinned);
        client.start();
        try {
            ClientSession session = client.connect(hop.user(), hop.host(), hop.port())
                    .verify(timeout).getSession();
            try {
                if (credentials.privateKey() != null) {
                    for (KeyPair key : keys(credentials)) {
                        session.addPublicKeyIdentity(key);
                    }
                }
                if (credentials.password() != null) {
                    session.addPasswordIdentity(new String(credentials.password()));
                }
                try {
                    session.auth().verify(timeout);
                } catch (IOException e) {
                    if (presented[0] != null && !presented[0].equals(hop.hostKeyFingerprint())) {
                        throw new HostKeyMismatch(presented[0], hop.hostKeyFingerprint() != null);
                    }
                    throw new IOException("The SSH server refused the key or password for user " + hop.user() + ".");
                }
                SshdSocketAddress local = session.startLocalPortForwarding(new SshdSocketAddress("127.0.0.1", 0),
                        new SshdSocketAddress(targetHost, targetPort));
                return new SshTunnel(client, session, local);
            } catch (IOException | RuntimeException e) {
                session.close(true);
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            client.stop();
            if (presented[0] != null && !presented[0].equals(hop.hostKeyFingerprint()) && !(e instanceof HostKeyMismatch)) {
                throw new HostKeyMismatch(presented[0], hop.hostKeyFingerprint() != null);
            }
            throw e;
        }
    }

    private static Iterable<KeyPair> keys(Credentials credentials) throws IOException {
        String pem = new String(credentials.privateKey());
        FilePasswordProvider passphrase = credentials.passphrase() == null ? FilePasswordProvider.EMPTY
                : FilePasswordProvider.of(new String(credentials.passphrase()));
        try {
            Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, () -> "private key",
                    new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)), passphrase);
            if (keys == null || !keys.iterator().hasNext()) {
                throw new IOException("The SSH private key could not be read.");
            }
            return keys;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("The SSH private key could not be read (wrong passphrase, or not an OpenSSH/PEM key).");
        }
    }

    /** Whether a private key text can be read (with its passphrase), for validation before saving. */
    static boolean readable(char[] privateKey, char[] passphrase) {
        try {
            keys(new Credentials(privateKey, passphrase, null));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    String localHost() {
        return "127.0.0.1";
    }

    int localPort() {
        return local.getPort();
    }

    boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close() {
        try {
            session.close(true);
        } finally {
            client.stop();
        }
    }
}
