package io.sightline.api.driver;

/**
 * Hands out a data source's secrets at the moment a connection is opened (from the vault), and
 * only then (V-1): the password and, when the data source has a TLS client certificate, that
 * certificate's private key. The caller clears each array right after use, and never logs or keeps
 * it.
 *
 * <p>Still a functional interface: a lambda supplies the password of a data source without a
 * client certificate.
 */
@FunctionalInterface
public interface PasswordSource {
    /** The password, or null when the data source has none. */
    char[] password();

    /**
     * The private key of the TLS client certificate ({@link TlsSettings#clientCertificatePem()}) as
     * PEM text ({@code -----BEGIN PRIVATE KEY-----}, PKCS#8 unencrypted; {@link TlsClientKeys} reads
     * it), or null when there is none. Asked for only by drivers that support client certificates,
     * once per new connection.
     *
     * @since 2.1
     */
    default char[] tlsClientKey() {
        return null;
    }
}
