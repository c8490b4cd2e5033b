package io.sightline.api.driver;

/**
 * TLS for a data source connection (DS-3).
 *
 * @param mode whether TLS is used and what is checked
 * @param caCertificatePem the certificate authority to trust instead of the JVM's, PEM, or null
 */
public record TlsSettings(Mode mode, String caCertificatePem) {
    public static final TlsSettings DISABLED = new TlsSettings(Mode.DISABLE, null);

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
}
