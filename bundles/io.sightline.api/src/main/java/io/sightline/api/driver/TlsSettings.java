package io.sightline.api.driver;

/**
 * TLS for a data source connection (DS-3). Holds public material only: the client certificate's
 * private key is a secret, kept in the vault and handed to the driver at the moment of connecting
 * ({@link PasswordSource#tlsClientKey()}), never part of this record.
 *
 * @param mode whether TLS is used and what is checked
 * @param caCertificatePem the certificate authority to trust instead of the JVM's, PEM, or null
 * @param clientCertificatePem the certificate (optionally followed by its intermediates) that the
 *     client presents to the server, PEM, or null for none; its private key comes from
 *     {@link PasswordSource#tlsClientKey()}
 */
public record TlsSettings(Mode mode, String caCertificatePem, String clientCertificatePem) {
    public static final TlsSettings DISABLED = new TlsSettings(Mode.DISABLE, null, null);

    /** The PostgreSQL names, which every driver maps to its own options. */
    public enum Mode {
        /** No TLS. */
        DISABLE,
        /** TLS, without checking the certificate. */
        REQUIRE,
        /** TLS; the certificate must chain to the trusted authority. */
        VERIFY_CA,
        /** TLS; the certificate must chain to the trusted authority and name the host. */
        VERIFY_FULL
    }

    public TlsSettings {
        mode = mode == null ? Mode.DISABLE : mode;
    }

    /** Without a client certificate (the settings before client certificates existed). */
    public TlsSettings(Mode mode, String caCertificatePem) {
        this(mode, caCertificatePem, null);
    }

    /** Whether TLS is on and a client certificate is set, so the driver must present it with its key. */
    public boolean hasClientCertificate() {
        return mode != Mode.DISABLE && clientCertificatePem != null && !clientCertificatePem.isBlank();
    }
}
