package io.sightline.api.driver;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * One reading of a TLS client certificate and its private key (DS-3, V-1), for the check before a
 * data source is saved and for every driver that presents the certificate: PEM certificates, PEM
 * private keys (PKCS#8 {@code BEGIN PRIVATE KEY}; also PKCS#1 {@code BEGIN RSA PRIVATE KEY} and SEC1
 * {@code BEGIN EC PRIVATE KEY}, converted in memory), and whether a key belongs to a certificate
 * (it signs a random challenge that the certificate's public key verifies).
 *
 * <p>Refusals are {@link InvalidConnectionOptionException}s naming {@link #CERTIFICATE} or
 * {@link #KEY}, with a sentence for the admin that never quotes the key. Keys are read from
 * {@code char[]} without making a {@code String} of them, and the intermediate byte arrays are
 * cleared; the caller clears the array it passed. Stateless and thread-safe.
 */
public final class TlsClientKeys {
    /** The field a refused certificate is reported on. */
    public static final String CERTIFICATE = "clientCertificatePem";
    /** The field a refused key is reported on. */
    public static final String KEY = "clientKey";
    /** Longest certificate text accepted (the stored column's size). */
    public static final int MAX_CERTIFICATE_LENGTH = 32_000;

    static final String CONVERT = "openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem";

    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    private static final SecureRandom RANDOM = new SecureRandom();

    private TlsClientKeys() {}

    /**
     * The certificates of {@code pem}, the client's own first (intermediates may follow).
     *
     * @throws InvalidConnectionOptionException on {@link #CERTIFICATE} when it is no PEM X.509
     *     certificate, or holds a private key (which must never be stored as plain text)
     */
    public static List<X509Certificate> certificates(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new InvalidConnectionOptionException(CERTIFICATE, "Paste the client certificate (PEM).");
        }
        if (pem.contains("PRIVATE KEY-----")) {
            throw new InvalidConnectionOptionException(CERTIFICATE, "This field takes the certificate only: "
                    + "paste the private key into the client key field, which is stored encrypted.");
        }
        if (pem.length() > MAX_CERTIFICATE_LENGTH) {
            throw new InvalidConnectionOptionException(CERTIFICATE, "The client certificate is longer than "
                    + MAX_CERTIFICATE_LENGTH + " characters.");
        }
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new InvalidConnectionOptionException(CERTIFICATE, "Not a PEM certificate: paste the text from "
                    + "-----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.");
        }
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)))) {
                certificates.add((X509Certificate) c);
            }
            if (certificates.isEmpty()) {
                throw new CertificateException("no certificate");
            }
            return List.copyOf(certificates);
        } catch (CertificateException | ClassCastException e) {
            throw new InvalidConnectionOptionException(CERTIFICATE,
                    "The client certificate could not be read as an X.509 certificate in PEM format.");
        }
    }

    /**
     * The private key in {@code pem}: PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 RSA or SEC1 EC,
     * unencrypted; RSA, EC, Ed25519, Ed448, RSASSA-PSS or DSA.
     *
     * @throws InvalidConnectionOptionException on {@link #KEY} when it cannot be read, saying how to
     *     convert it
     */
    public static PrivateKey privateKey(char[] pem) {
        if (pem == null || pem.length == 0) {
            throw new InvalidConnectionOptionException(KEY, "Paste the private key of the client certificate (PEM).");
        }
        Block block = block(pem);
        byte[] der = block.der;
        byte[] pkcs8 = null;
        try {
            switch (block.type) {
                case "PRIVATE KEY" -> pkcs8 = der;
                case "RSA PRIVATE KEY" -> pkcs8 = rsaToPkcs8(der);
                case "EC PRIVATE KEY" -> pkcs8 = ecToPkcs8(der);
                case "ENCRYPTED PRIVATE KEY" -> throw new InvalidConnectionOptionException(KEY, "The private key is "
                        + "protected by a passphrase. Sightline keeps it encrypted in its vault and needs it without "
                        + "one: convert it with " + CONVERT + " and paste the result.");
                default -> throw new InvalidConnectionOptionException(KEY, "Not a supported private key (" + block.type
                        + "). Paste a PEM key starting -----BEGIN PRIVATE KEY-----; convert other forms with "
                        + CONVERT + ".");
            }
            String algorithm = algorithm(pkcs8);
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException e) {
                throw new InvalidConnectionOptionException(KEY, "The private key could not be read (" + algorithm
                        + "). Convert it with " + CONVERT + " and paste the result.");
            }
        } finally {
            Arrays.fill(der, (byte) 0);
            if (pkcs8 != null) {
                Arrays.fill(pkcs8, (byte) 0);
            }
        }
    }

    /**
     * Whether {@code key} belongs to {@code certificate}: it signs a random challenge, and the
     * certificate's public key must verify the signature.
     *
     * @throws InvalidConnectionOptionException on {@link #KEY} when it does not
     */
    public static void checkPair(X509Certificate certificate, PrivateKey key) {
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        boolean matches;
        try {
            Signature signer = signature(key.getAlgorithm());
            signer.initSign(key);
            signer.update(challenge);
            byte[] signed = signer.sign();
            Signature verifier = signature(key.getAlgorithm());
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            matches = verifier.verify(signed);
        } catch (GeneralSecurityException | RuntimeException e) {
            // e.g. an EC key against an RSA certificate
            matches = false;
        }
        if (!matches) {
            throw new InvalidConnectionOptionException(KEY, "The private key does not belong to the client "
                    + "certificate: paste the key that was created with this certificate.");
        }
    }

    /** {@link #certificates}, {@link #privateKey} and {@link #checkPair} together; answers the key. */
    public static PrivateKey read(String certificatePem, char[] keyPem) {
        X509Certificate leaf = certificates(certificatePem).get(0);
        PrivateKey key = privateKey(keyPem);
        checkPair(leaf, key);
        return key;
    }

    private static Signature signature(String keyAlgorithm) throws GeneralSecurityException {
        return switch (keyAlgorithm) {
            case "RSA" -> Signature.getInstance("SHA256withRSA");
            case "EC" -> Signature.getInstance("SHA256withECDSA");
            case "DSA" -> Signature.getInstance("SHA256withDSA");
            case "RSASSA-PSS" -> {
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                yield pss;
            }
            default -> Signature.getInstance(keyAlgorithm); // EdDSA, Ed25519, Ed448
        };
    }

    // ---- PEM and DER, just what keys need ----

    private record Block(String type, byte[] der) {}

    /** The first PEM block of {@code pem}; a {@code Proc-Type} header (a passphrase) is refused. */
    private static Block block(char[] pem) {
        int begin = indexOf(pem, "-----BEGIN ", 0);
        int typeEnd = begin < 0 ? -1 : indexOf(pem, "-----", begin + 11);
        if (begin < 0 || typeEnd < 0) {
            throw new InvalidConnectionOptionException(KEY, "Not a private key in PEM format: paste the text from "
                    + "-----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----.");
        }
        String type = new String(pem, begin + 11, typeEnd - begin - 11);
        if (type.length() > 40 || !type.matches("[A-Z0-9 ]+")) {
            throw new InvalidConnectionOptionException(KEY, "Not a private key in PEM format.");
        }
        if (type.equals("CERTIFICATE")) {
            throw new InvalidConnectionOptionException(KEY, "This is a certificate: paste the private key here, "
                    + "and the certificate into the client certificate field.");
        }
        int bodyStart = typeEnd + 5;
        int end = indexOf(pem, "-----END " + type + "-----", bodyStart);
        if (end < 0) {
            throw new InvalidConnectionOptionException(KEY, "The private key is cut off: its -----END " + type
                    + "----- line is missing.");
        }
        int procType = indexOf(pem, "Proc-Type:", bodyStart);
        if (procType >= 0 && procType < end) {
            // "Proc-Type: 4,ENCRYPTED" and "DEK-Info": OpenSSL's traditional passphrase protection
            throw new InvalidConnectionOptionException(KEY, "The private key is protected by a passphrase. Sightline "
                    + "keeps it encrypted in its vault and needs it without one: convert it with " + CONVERT
                    + " and paste the result.");
        }
        byte[] base64 = new byte[end - bodyStart];
        int n = 0;
        for (int i = bodyStart; i < end; i++) {
            char c = pem[i];
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=') {
                base64[n++] = (byte) c;
            } else if (!Character.isWhitespace(c)) {
                Arrays.fill(base64, (byte) 0);
                throw new InvalidConnectionOptionException(KEY, "The private key is not valid PEM (unexpected characters).");
            }
        }
        try {
            return new Block(type, Base64.getDecoder().decode(Arrays.copyOf(base64, n)));
        } catch (IllegalArgumentException e) {
            throw new InvalidConnectionOptionException(KEY, "The private key is not valid PEM (bad base64).");
        } finally {
            Arrays.fill(base64, (byte) 0);
        }
    }

    private static int indexOf(char[] text, String what, int from) {
        outer:
        for (int i = Math.max(0, from); i <= text.length - what.length(); i++) {
            for (int j = 0; j < what.length(); j++) {
                if (text[i + j] != what.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo. */
    private static byte[] rsaToPkcs8(byte[] pkcs1) {
        return sequence(new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM, tlv(0x04, pkcs1));
    }

    /** SEC1 ECPrivateKey inside a PKCS#8 PrivateKeyInfo, naming the curve its [0] parameters name. */
    private static byte[] ecToPkcs8(byte[] sec1) {
        int[] outer = element(sec1, 0, 0x30);
        int pos = outer[1];
        byte[] curve = null;
        while (pos < outer[2]) {
            int[] e = element(sec1, pos, -1);
            if (e[0] == 0xa0) {
                int[] oid = element(sec1, e[1], 0x06);
                curve = Arrays.copyOfRange(sec1, e[1], oid[2]);
            }
            pos = e[2];
        }
        if (curve == null) {
            throw new InvalidConnectionOptionException(KEY, "The EC private key does not name its curve. Convert it "
                    + "with " + CONVERT + " and paste the result.");
        }
        byte[] algorithm = tlv(0x30, concat(EC_PUBLIC_KEY_OID, curve));
        return sequence(new byte[] {0x02, 0x01, 0x00}, algorithm, tlv(0x04, sec1));
    }

    /** The key algorithm that the PKCS#8 AlgorithmIdentifier names. */
    private static String algorithm(byte[] pkcs8) {
        int[] info = element(pkcs8, 0, 0x30);
        int[] version = element(pkcs8, info[1], 0x02);
        int[] identifier = element(pkcs8, version[2], 0x30);
        int[] oid = element(pkcs8, identifier[1], 0x06);
        String dotted = oid(pkcs8, oid[1], oid[2]);
        return switch (dotted) {
            case "1.2.840.113549.1.1.1" -> "RSA";
            case "1.2.840.113549.1.1.10" -> "RSASSA-PSS";
            case "1.2.840.10045.2.1" -> "EC";
            case "1.3.101.112" -> "Ed25519";
            case "1.3.101.113" -> "Ed448";
            case "1.2.840.10040.4.1" -> "DSA";
            default -> throw new InvalidConnectionOptionException(KEY, "The private key's algorithm (" + dotted
                    + ") is not supported: use an RSA, EC or Ed25519 key.");
        };
    }

    private static String oid(byte[] der, int start, int end) {
        StringBuilder s = new StringBuilder();
        long value = 0;
        for (int i = start; i < end; i++) {
            value = (value << 7) | (der[i] & 0x7f);
            if ((der[i] & 0x80) == 0) {
                if (s.length() == 0) {
                    long first = Math.min(2, value / 40);
                    s.append(first).append('.').append(value - first * 40);
                } else {
                    s.append('.').append(value);
                }
                value = 0;
            }
        }
        return s.toString();
    }

    /**
     * The DER element at {@code pos}: {tag, content start, content end}.
     *
     * @param expectedTag the tag it must have, or -1 for any
     */
    private static int[] element(byte[] der, int pos, int expectedTag) {
        try {
            int tag = der[pos] & 0xff;
            if (expectedTag >= 0 && tag != expectedTag) {
                throw new IllegalArgumentException("tag");
            }
            int length = der[pos + 1] & 0xff;
            int start = pos + 2;
            if (length >= 0x80) {
                int bytes = length & 0x7f;
                if (bytes < 1 || bytes > 3) {
                    throw new IllegalArgumentException("length");
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (der[start + i] & 0xff);
                }
                start += bytes;
            }
            if (start + length > der.length) {
                throw new IllegalArgumentException("short");
            }
            return new int[] {tag, start, start + length};
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new InvalidConnectionOptionException(KEY, "The private key could not be read (its DER structure is "
                    + "damaged). Convert it with " + CONVERT + " and paste the result.");
        }
    }

    private static byte[] sequence(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
