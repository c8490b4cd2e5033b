package io.sightline.driver.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Self-signed server certificates made with the JDK's keytool, once per test run. Each serves as
 * its own certificate authority: a client that trusts its PEM accepts the server that presents it.
 * Shared with the drivers' tests through this bundle's test jar.
 */
public final class TestCertificates {
    private static final char[] STORE_PASSWORD = "changeit".toCharArray();
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("sightline-test-certs");
            Runtime.getRuntime().addShutdownHook(new Thread(TestCertificates::deleteDirectory));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate for host name localhost (SAN dns:localhost only, so 127.0.0.1 does not match). */
    public static final Identity LOCALHOST = create("localhost");
    /** Another authority, which no test server uses. */
    public static final Identity OTHER = create("other");
    public static final String CA_PEM = LOCALHOST.pem();

    /** A key store with the server key and certificate, and the certificate as PEM. */
    public record Identity(Path keyStore, String pem) {
        /** A server-side TLS context presenting this certificate. */
        public SSLContext serverContext() throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                store.load(in, STORE_PASSWORD);
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, STORE_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        }
    }

    private TestCertificates() {}

    private static Identity create(String name) {
        Path store = DIR.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + name, "-ext", "SAN=dns:" + name, "-validity", "7", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit");
        Path pem = DIR.resolve(name + ".pem");
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", store.toString(), "-storepass", "changeit",
                "-file", pem.toString());
        try {
            return new Identity(store, Files.readString(pem, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteDirectory() {
        try (var files = Files.list(DIR)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(DIR);
        } catch (IOException e) {
            // a temporary directory; the system cleans it eventually
        }
    }

    private static void keytool(String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
