package io.sightline.datasource.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import io.sightline.api.driver.DatabaseDriver;
import io.sightline.api.driver.InvalidConnectionOptionException;
import io.sightline.api.driver.TlsClientKeys;
import io.sightline.api.driver.TlsSettings;
import io.sightline.api.rest.ApiException;

/**
 * The TLS part of a data source as the API receives it (DS-3): mode, certificate authority, client
 * certificate and the client key. The key is a secret (absent or null keeps the stored one,
 * {@code ""} removes it, a value replaces it); it never becomes part of the returned settings. A
 * client certificate must parse, come with a key (typed or stored) that parses and signs what the
 * certificate verifies, need TLS, and be supported by the driver. Refusals are {@code 400}s on
 * {@code tls.mode}, {@code tls.caCertificate}, {@code tls.clientCertificate} or {@code tls.clientKey},
 * never quoting the key. Stateless.
 */
final class TlsInput {
    static final String MODE = "tls.mode";
    static final String CA = "tls.caCertificate";
    static final String CERTIFICATE = "tls.clientCertificate";
    static final String KEY = "tls.clientKey";

    /** The API field of a refusal a driver names by its own option name. */
    static final Map<String, String> DRIVER_FIELDS = Map.of(
            "caCertificatePem", CA,
            TlsClientKeys.CERTIFICATE, CERTIFICATE,
            TlsClientKeys.KEY, KEY);

    private TlsInput() {}

    /**
     * @param in the TLS object of the request, or null (TLS off)
     * @param driver the data source's driver
     * @param storedCertificate the client certificate of the data source being changed or tested, or
     *     null: kept when the request leaves {@code clientCertificate} out (or null), as a client that
     *     does not know the field must not remove it; {@code ""} removes it
     * @param storedKey opens the key stored for the data source being changed or tested, or answers
     *     null (a new data source, or none stored); the array it answers is cleared here
     */
    static TlsSettings settings(DataSourceInput.Tls in, DatabaseDriver driver, String storedCertificate,
            Supplier<char[]> storedKey) {
        if (in == null) {
            in = new DataSourceInput.Tls(null, null, null, null);
        }
        TlsSettings.Mode mode;
        try {
            mode = in.mode() == null ? TlsSettings.Mode.DISABLE
                    : TlsSettings.Mode.valueOf(in.mode().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(MODE, "One of DISABLE, REQUIRE, VERIFY_CA, VERIFY_FULL.");
        }
        String ca = blankToNull(in.caCertificate());
        if (ca != null) {
            checkCa(ca);
        }
        String certificate = in.clientCertificate() == null ? storedCertificate : blankToNull(in.clientCertificate());
        String typedKey = in.clientKey();
        if (certificate == null) {
            if (typedKey != null && !typedKey.isEmpty()) {
                throw ApiException.badRequest(CERTIFICATE, "Paste the client certificate that goes with the client key.");
            }
            return new TlsSettings(mode, ca, null);
        }
        if (!driver.supportsTlsClientCertificate()) {
            throw ApiException.badRequest(KEY, driver.displayName() + " data sources cannot use a TLS client "
                    + "certificate: client certificates are supported for PostgreSQL only for now.");
        }
        X509Certificate leaf;
        try {
            leaf = TlsClientKeys.certificates(certificate).get(0);
        } catch (InvalidConnectionOptionException e) {
            throw ApiException.badRequest(CERTIFICATE, e.getMessage());
        }
        checkKey(leaf, typedKey, storedKey);
        return new TlsSettings(mode, ca, certificate);
    }

    /** The key that will be stored (typed, else the stored one) must read and belong to {@code leaf}. */
    private static void checkKey(X509Certificate leaf, String typedKey, Supplier<char[]> storedKey) {
        if (typedKey != null && typedKey.isEmpty()) {
            throw ApiException.badRequest(KEY, "The client certificate needs its private key: paste the key, or "
                    + "remove the certificate as well.");
        }
        boolean typed = typedKey != null;
        char[] key = typed ? typedKey.strip().toCharArray() : storedKey.get();
        if (key == null) {
            throw ApiException.badRequest(KEY, "Paste the private key of the client certificate (PEM).");
        }
        try {
            PrivateKey privateKey;
            try {
                privateKey = TlsClientKeys.privateKey(key);
            } catch (InvalidConnectionOptionException e) {
                throw ApiException.badRequest(KEY, typed ? e.getMessage()
                        : "The stored client key can no longer be read: paste it again.");
            }
            try {
                TlsClientKeys.checkPair(leaf, privateKey);
            } catch (InvalidConnectionOptionException e) {
                throw typed ? ApiException.badRequest(KEY, e.getMessage())
                        : ApiException.badRequest(CERTIFICATE, "This certificate does not belong to the stored client "
                                + "key: paste the certificate's own private key as well.");
            }
        } finally {
            Arrays.fill(key, '\0');
        }
    }

    private static void checkCa(String ca) {
        if (ca.contains("PRIVATE KEY-----")) {
            throw ApiException.badRequest(CA, "This field takes the certificate authority's certificate only, never "
                    + "a private key.");
        }
        if (ca.length() > 32000) {
            throw ApiException.badRequest(CA, "At most 32,000 characters.");
        }
        try {
            if (CertificateFactory.getInstance("X.509").generateCertificates(
                    new ByteArrayInputStream(ca.getBytes(StandardCharsets.US_ASCII))).isEmpty()) {
                throw new CertificateException("empty");
            }
        } catch (CertificateException e) {
            throw ApiException.badRequest(CA,
                    "Not a PEM certificate: paste the text from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
