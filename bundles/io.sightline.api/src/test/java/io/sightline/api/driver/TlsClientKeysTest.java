package io.sightline.api.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys and certificates made by openssl in the forms admins paste. */
class TlsClientKeysTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void makeKeys() throws Exception {
        // RSA: PKCS#8 (OpenSSL 3's default), PKCS#1, PKCS#8 with a passphrase, PKCS#1 with a passphrase
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=ann",
                "-keyout", "rsa.key", "-out", "rsa.crt");
        openssl("pkey", "-in", "rsa.key", "-traditional", "-out", "rsa-pkcs1.key");
        openssl("pkcs8", "-topk8", "-in", "rsa.key", "-passout", "pass:secret", "-out", "rsa-encrypted.key");
        openssl("rsa", "-in", "rsa.key", "-traditional", "-aes128", "-passout", "pass:secret", "-out", "rsa-pkcs1-encrypted.key");
        // EC: SEC1 as ecparam writes it, and PKCS#8
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec-sec1.key");
        openssl("pkcs8", "-topk8", "-nocrypt", "-in", "ec-sec1.key", "-out", "ec.key");
        openssl("req", "-x509", "-key", "ec-sec1.key", "-days", "2", "-subj", "/CN=ann", "-out", "ec.crt");
        // Ed25519
        openssl("req", "-x509", "-newkey", "ed25519", "-nodes", "-days", "2", "-subj", "/CN=ann",
                "-keyout", "ed.key", "-out", "ed.crt");
        // another RSA pair
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=bob",
                "-keyout", "other.key", "-out", "other.crt");
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + output);
    }

    private static String read(String name) throws IOException {
        return Files.readString(dir.resolve(name), StandardCharsets.US_ASCII);
    }

    private static PrivateKey key(String name) throws IOException {
        return TlsClientKeys.privateKey(read(name).toCharArray());
    }

    private static InvalidConnectionOptionException refused(String field, Runnable r) {
        InvalidConnectionOptionException e = assertThrows(InvalidConnectionOptionException.class, r::run);
        assertEquals(field, e.option(), e.getMessage());
        return e;
    }

    @Test
    void readsEachFormAndMatchesItsCertificate() throws IOException {
        assertEquals("RSA", TlsClientKeys.read(read("rsa.crt"), read("rsa.key").toCharArray()).getAlgorithm());
        assertEquals(key("rsa.key"), key("rsa-pkcs1.key"));
        TlsClientKeys.read(read("rsa.crt"), read("rsa-pkcs1.key").toCharArray());
        assertEquals("EC", TlsClientKeys.read(read("ec.crt"), read("ec-sec1.key").toCharArray()).getAlgorithm());
        TlsClientKeys.read(read("ec.crt"), read("ec.key").toCharArray());
        TlsClientKeys.read(read("ed.crt"), read("ed.key").toCharArray());
        // text around the block, as when a whole file with its comments is pasted
        TlsClientKeys.read(read("rsa.crt"), ("Bag Attributes\n" + read("rsa.key") + "\n").toCharArray());
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws IOException {
        var e = refused("clientKey", () -> TlsClientKeys.checkPair(
                TlsClientKeys.certificates(readUnchecked("rsa.crt")).get(0), keyUnchecked("other.key")));
        assertTrue(e.getMessage().contains("does not belong to the client certificate"), e.getMessage());
        // another algorithm altogether
        refused("clientKey", () -> TlsClientKeys.checkPair(TlsClientKeys.certificates(readUnchecked("rsa.crt")).get(0),
                keyUnchecked("ec.key")));
    }

    private static PrivateKey keyUnchecked(String name) {
        try {
            return key(name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void passphraseProtectedKeysAreRefusedWithTheConversionCommand() throws IOException {
        for (String name : List.of("rsa-encrypted.key", "rsa-pkcs1-encrypted.key")) {
            String text = read(name);
            var e = refused("clientKey", () -> TlsClientKeys.privateKey(text.toCharArray()));
            assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
        }
    }

    @Test
    void badKeysAreRefusedWithoutQuotingThem() throws IOException {
        refused("clientKey", () -> TlsClientKeys.privateKey("".toCharArray()));
        refused("clientKey", () -> TlsClientKeys.privateKey("hunter2".toCharArray()));
        String cut = read("rsa.key").substring(0, 300);
        var e = refused("clientKey", () -> TlsClientKeys.privateKey(cut.toCharArray()));
        assertFalse(e.getMessage().contains(cut.substring(40, 80)));
        String damaged = read("rsa.key").replaceFirst("(?m)^(.{10}).{8}", "$1AAAAAAAA");
        refused("clientKey", () -> TlsClientKeys.privateKey(damaged.toCharArray()));
        refused("clientKey", () -> TlsClientKeys.privateKey(readUnchecked("rsa.crt").toCharArray()));
        refused("clientKey", () -> TlsClientKeys.privateKey(
                "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n".toCharArray()));
    }

    private static String readUnchecked(String name) {
        try {
            return read(name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void certificatesMustBePemAndNeverHoldAKey() throws IOException {
        assertEquals("CN=ann", TlsClientKeys.certificates(read("rsa.crt")).get(0).getSubjectX500Principal().getName());
        assertEquals(2, TlsClientKeys.certificates(read("rsa.crt") + read("other.crt")).size());
        refused("clientCertificatePem", () -> TlsClientKeys.certificates(null));
        refused("clientCertificatePem", () -> TlsClientKeys.certificates("/etc/ssl/client.pem"));
        refused("clientCertificatePem", () -> TlsClientKeys.certificates(
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
        var e = refused("clientCertificatePem", () -> TlsClientKeys.certificates(readUnchecked("rsa.crt")
                + readUnchecked("rsa.key")));
        assertTrue(e.getMessage().contains("certificate only"), e.getMessage());
    }

    @Test
    void settingsWithoutACertificateKeepTheirOldShape() {
        TlsSettings old = new TlsSettings(TlsSettings.Mode.VERIFY_FULL, "ca");
        assertEquals(new TlsSettings(TlsSettings.Mode.VERIFY_FULL, "ca", null), old);
        assertFalse(old.hasClientCertificate());
        assertTrue(new TlsSettings(TlsSettings.Mode.REQUIRE, null, "cert").hasClientCertificate());
        assertFalse(new TlsSettings(TlsSettings.Mode.DISABLE, null, "cert").hasClientCertificate());
        PasswordSource lambda = () -> "pw".toCharArray();
        assertEquals(null, lambda.tlsClientKey());
    }
}
