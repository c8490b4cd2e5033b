package io.sightline.itest;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A webhook receiver over HTTPS in the test JVM, with a self-signed certificate made by keytool;
 * the distribution trusts it through {@code webhook.truststore}. Keeps each request's path and body.
 */
final class TestWebhook implements AutoCloseable {
    record Received(String path, String contentType, String body) {}

    private final HttpsServer server;
    private final Path certificatePem;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    TestWebhook() throws Exception {
        Path dir = Files.createTempDirectory("sightline-webhook");
        Path p12 = dir.resolve("hook.p12");
        certificatePem = dir.resolve("hook.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "hook", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(),
                "-storepass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "hook", "-keystore", p12.toString(), "-storepass", "changeit",
                "-file", certificatePem.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
    }

    /** A URL on this receiver whose path is a secret, as Slack's are. */
    String url(String secretPath) {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/services/" + secretPath;
    }

    Path certificatePem() {
        return certificatePem;
    }

    /** The next request within {@code seconds}, or null. */
    Received next(int seconds) throws InterruptedException {
        return received.poll(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
