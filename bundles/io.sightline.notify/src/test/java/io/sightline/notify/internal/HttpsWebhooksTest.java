package io.sightline.notify.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import ch.qos.logback.classic.Level;
import io.sightline.api.notify.WebhookDelivery;

/** HttpsWebhooks against a real HTTPS server in this JVM, with certificates made by keytool. */
class HttpsWebhooksTest {
    /** Like a Slack webhook: the secret is in the path (and here in the query too). */
    private static final String SECRET_PATH = "/services/T0001/B0002/s3cretPathToken";
    private static final String SECRET_QUERY = "token=s3cretQueryToken";
    private static final String JSON = "{\"alert\":\"Big orders\",\"value\":42,\"text\":\"Grüße ✓\"}";
    private static final String PASS = "changeit";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path tls;
    /** Certificate for 127.0.0.1 and localhost. */
    private static Path localhost;
    /** Certificate for elsewhere.example only. */
    private static Path elsewhere;
    /** Both certificates, as one PEM file. */
    private static Path bothPem;

    private final List<HttpsWebhooks> senders = new ArrayList<>();
    @RegisterExtension
    final CapturedLog log = new CapturedLog(HttpsWebhooks.class);
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    /** The statuses the server answers, in turn; 200 once they are used up. */
    private final Queue<Integer> answers = new ConcurrentLinkedQueue<>();
    /** The server answers once this is open. */
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private HttpsServer server;
    private ExecutorService serverThreads;

    private record Received(String method, String pathAndQuery, String contentType, String body) {}

    @BeforeAll
    static void certificates() throws Exception {
        localhost = keyPair("localhost", "ip:127.0.0.1,dns:localhost");
        elsewhere = keyPair("elsewhere", "dns:elsewhere.example");
        bothPem = tls.resolve("both.pem");
        Files.writeString(bothPem, Files.readString(pem(elsewhere)) + Files.readString(pem(localhost)));
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (HttpsWebhooks sender : senders) {
            sender.deactivate();
        }
        if (server != null) {
            hold.countDown();
            server.stop(0);
            serverThreads.shutdownNow();
        }
        for (String line : log.lines(Level.TRACE)) {
            assertFalse(line.contains("s3cret"), "secret logged: " + line);
        }
    }

    // ---- delivery ----

    @Test
    void deliversTheExactBodyAsJson() throws Exception {
        int port = startServer(localhost);
        WebhookDelivery delivery = outcome(sender().post(URI.create("https://127.0.0.1:" + port + SECRET_PATH + "?"
                + SECRET_QUERY), JSON));

        assertEquals(new WebhookDelivery(true, 1, 200, null), delivery);
        Received request = received.poll();
        assertEquals(new Received("POST", SECRET_PATH + "?" + SECRET_QUERY, "application/json", JSON), request);
        assertTrue(received.isEmpty());
    }

    @Test
    void retries429And5xxThenDelivers() throws Exception {
        answers.add(503);
        assertEquals(new WebhookDelivery(true, 2, 200, null), outcome(sender().post(url(startServer(localhost)), JSON)));
        assertEquals(2, received.size());

        received.clear();
        answers.addAll(List.of(429, 500));
        assertEquals(new WebhookDelivery(true, 3, 200, null), outcome(senders.get(0).post(url(server), JSON)));
        assertEquals(3, received.size());
        List<String> info = log.lines(Level.INFO);
        assertTrue(info.stream().anyMatch(line -> line.contains("Webhook to 127.0.0.1 failed (attempt 2 of 4): "
                + "HTTP 500 from 127.0.0.1; retrying in")), info.toString());
    }

    @Test
    void givesUpAfterTheLastAttempt() throws Exception {
        answers.addAll(List.of(500, 502, 503, 504));
        WebhookDelivery delivery = outcome(sender("webhook.attempts", 3).post(url(startServer(localhost)), JSON));

        assertEquals(new WebhookDelivery(false, 3, 503, "HTTP 503 from 127.0.0.1"), delivery);
        assertEquals(3, received.size());
    }

    @Test
    void a400IsNotRetried() throws Exception {
        answers.add(400);
        WebhookDelivery delivery = outcome(sender().post(url(startServer(localhost)), JSON));

        assertEquals(new WebhookDelivery(false, 1, 400, "HTTP 400 from 127.0.0.1"), delivery);
        assertEquals(1, received.size());
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        answers.add(302); // with Location: /moved
        WebhookDelivery delivery = outcome(sender().post(url(startServer(localhost)), JSON));

        assertEquals(new WebhookDelivery(false, 1, 302, "HTTP 302 from 127.0.0.1 (redirects are not followed)"), delivery);
        assertEquals(1, received.size());
    }

    @Test
    void aTimeoutIsAFailureWithNoStatus() throws Exception {
        hold = new CountDownLatch(1);
        WebhookDelivery delivery = outcome(sender("webhook.timeout.seconds", 1, "webhook.attempts", 1)
                .post(url(startServer(localhost)), JSON));

        assertFalse(delivery.delivered());
        assertEquals(0, delivery.status());
        assertTrue(delivery.error().startsWith("127.0.0.1: HttpTimeoutException"), delivery.error());
    }

    // ---- never blocking ----

    @Test
    void postReturnsAtOnceWhileTheServerDelays() throws Exception {
        hold = new CountDownLatch(1);
        URI url = url(startServer(localhost));
        HttpsWebhooks sender = sender();

        CompletableFuture<WebhookDelivery> future = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> sender.post(url, JSON));
        assertNotNull(received.poll(WAIT.toSeconds(), TimeUnit.SECONDS), "the request reaches the server");
        assertFalse(future.isDone());

        hold.countDown();
        assertEquals(new WebhookDelivery(true, 1, 200, null), outcome(future));
    }

    @Test
    void aWebhookWaitingToBeRetriedHoldsUpNoOtherAndDeactivateEndsIt() throws Exception {
        answers.add(503);
        URI url = url(startServer(localhost));
        HttpsWebhooks sender = sender("webhook.backoff.seconds", 600.0);

        CompletableFuture<WebhookDelivery> waiting = sender.post(url, JSON);
        assertNotNull(received.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(new WebhookDelivery(true, 1, 200, null), outcome(sender.post(url, JSON)));
        assertFalse(waiting.isDone());

        sender.deactivate();
        senders.remove(sender);

        assertEquals(new WebhookDelivery(false, 1, 503, "not delivered to 127.0.0.1: the webhook sender stopped"),
                outcome(waiting));
        assertEquals(0, sender.post(url, JSON).get().attempts(), "after deactivate nothing is sent");
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("sightline-webhook")) {
                thread.join(WAIT.toMillis()); // ends just after the pool reports it terminated
                assertFalse(thread.isAlive(), thread.getName());
            }
        }
    }

    // ---- what is refused ----

    @Test
    void refusesAnythingButHttpsWithoutQuotingTheUrl() {
        HttpsWebhooks sender = sender();
        for (String url : List.of("http://hooks.example/s3cret", "HTTP://hooks.example/s3cret", "ftp://hooks.example/s3cret",
                "//hooks.example/s3cret", "mailto:s3cret@hooks.example", "https:///s3cret", "https:s3cret")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> sender.post(URI.create(url), JSON), url);
            assertEquals("Use an https:// URL.", e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> sender.post(null, JSON));
    }

    @Test
    void refusesAPrivateAddressUnlessAllowed() throws Exception {
        int port = startServer(localhost);
        HttpsWebhooks guarded = sender("webhook.allow.private.addresses", false);

        for (String host : List.of("127.0.0.1", "localhost")) {
            WebhookDelivery delivery = outcome(guarded.post(URI.create("https://" + host + ":" + port + SECRET_PATH), JSON));
            assertFalse(delivery.delivered());
            assertEquals(1, delivery.attempts());
            assertEquals(0, delivery.status());
            assertTrue(delivery.error().contains("private address") && delivery.error().contains(host), delivery.error());
            assertFalse(delivery.error().contains("s3cret"), delivery.error());
        }
        assertTrue(received.isEmpty(), "nothing reached the server");

        WebhookDelivery allowed = outcome(sender("webhook.allow.private.addresses", true).post(url(port), JSON));
        assertEquals(new WebhookDelivery(true, 1, 200, null), allowed);
    }

    @Test
    void privateAddressesAreLoopbackLocalSiteLocalLinkLocalUniqueLocalAndMulticast() throws Exception {
        for (String address : List.of("127.0.0.1", "127.1.2.3", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255",
                "192.168.1.1", "169.254.169.254", "100.64.0.1", "224.0.0.1", "255.255.255.255", "::1", "::",
                "fe80::1", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1", "::ffff:10.0.0.1", "::10.0.0.1",
                "64:ff9b::a9fe:a9fe", "2002:c0a8:101::1")) {
            assertTrue(HttpsWebhooks.isPrivate(InetAddress.getByName(address)), address);
        }
        for (String address : List.of("8.8.8.8", "93.184.216.34", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
                "2a00:1450:4001::200e", "64:ff9b::808:808")) {
            assertFalse(HttpsWebhooks.isPrivate(InetAddress.getByName(address)), address);
        }
        assertNull(HttpsWebhooks.privateAddress(InetAddress.getByName("8.8.8.8")));
        assertEquals(InetAddress.getByName("10.0.0.1"),
                HttpsWebhooks.privateAddress(InetAddress.getByName("8.8.8.8"), InetAddress.getByName("10.0.0.1")));
    }

    @Test
    void anUntrustedCertificateFailsAtOnceAndTheErrorNamesOnlyTheHost() throws Exception {
        int port = startServer(localhost);
        WebhookDelivery delivery = outcome(sender("webhook.truststore", "")
                .post(URI.create("https://127.0.0.1:" + port + SECRET_PATH + "?" + SECRET_QUERY), JSON));

        assertFalse(delivery.delivered());
        assertEquals(1, delivery.attempts(), "a certificate no authority signed is not retried");
        assertEquals(0, delivery.status());
        assertTrue(delivery.error().startsWith("127.0.0.1: SSLHandshakeException"), delivery.error());
        assertFalse(delivery.error().contains("s3cret") || delivery.error().contains("/services")
                || delivery.error().contains("token="), delivery.error());
        assertTrue(received.isEmpty());
    }

    @Test
    void theHostNameIsCheckedEvenForATrustedCertificate() throws Exception {
        // bothPem trusts the elsewhere.example certificate, but the server is reached as 127.0.0.1
        WebhookDelivery delivery = outcome(sender().post(url(startServer(elsewhere)), JSON));

        assertFalse(delivery.delivered());
        assertEquals(1, delivery.attempts());
        assertTrue(delivery.error().startsWith("127.0.0.1: SSLHandshakeException"), delivery.error());
        assertFalse(delivery.error().contains("PKIX"), "the extra authority vouches; the name is wrong: " + delivery.error());
        assertTrue(received.isEmpty());
    }

    @Test
    void errorsNeverQuoteThePathQueryOrUserInfo() {
        URI url = URI.create("https://bot:pa55word@hooks.example:8443" + SECRET_PATH + "?" + SECRET_QUERY + "#frag-ment");
        IOException quoting = new IOException("failed for " + url + " at " + SECRET_PATH + " with " + SECRET_QUERY
                + ", s3cretPathToken, pa55word, frag-ment");

        String described = HttpsWebhooks.describe(quoting, url);

        assertTrue(described.startsWith("IOException: failed for "), described);
        for (String secret : List.of("s3cret", "/services", "token=", "pa55word", "frag-ment")) {
            assertFalse(described.contains(secret), described);
        }
    }

    // ---- configuration ----

    @Test
    void refusesABadConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> sender("webhook.attempts", 0));
        assertThrows(IllegalArgumentException.class, () -> sender("webhook.backoff.seconds", -1.0));
        assertThrows(IllegalArgumentException.class, () -> sender("webhook.backoff.seconds", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> sender("webhook.timeout.seconds", 0));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> sender("webhook.truststore", tls.resolve("missing.pem").toString()));
        assertTrue(missing.getMessage().startsWith("webhook.truststore"), missing.getMessage());
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        NotifyConfig defaults = Configs.of(NotifyConfig.class);
        assertEquals(4, defaults.webhook_attempts());
        assertEquals(2.0, defaults.webhook_backoff_seconds());
        assertEquals(10, defaults.webhook_timeout_seconds());
        assertEquals("", defaults.webhook_truststore());
        assertFalse(defaults.webhook_allow_private_addresses());
    }

    // ---- helpers ----

    /**
     * A sender for the test server: its certificates trusted, private addresses allowed (it listens on
     * 127.0.0.1) and a 10 ms back-off, unless given otherwise.
     */
    private HttpsWebhooks sender(Object... keysAndValues) {
        List<Object> values = new ArrayList<>(List.of("webhook.truststore", bothPem.toString(),
                "webhook.allow.private.addresses", true, "webhook.backoff.seconds", 0.01));
        values.addAll(List.of(keysAndValues)); // a later key wins
        HttpsWebhooks sender = new HttpsWebhooks(Configs.of(NotifyConfig.class, values.toArray()));
        senders.add(sender);
        return sender;
    }

    private static WebhookDelivery outcome(CompletableFuture<WebhookDelivery> future) throws Exception {
        return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static URI url(int port) {
        return URI.create("https://127.0.0.1:" + port + "/hook");
    }

    private static URI url(HttpsServer server) {
        return url(server.getAddress().getPort());
    }

    /** An HTTPS server on 127.0.0.1 with the key pair in {@code keystore}; returns its port. */
    private int startServer(Path keystore) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, PASS.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASS.toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        serverThreads = Executors.newCachedThreadPool(); // a held answer must not hold up the next request
        server.setExecutor(serverThreads);
        server.createContext("/", this::answer);
        server.start();
        return server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try {
            Integer status = answers.poll(); // before the request is seen: a test may send the next one then
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(exchange.getRequestBody().readAllBytes(), UTF_8)));
            hold.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (status != null && status / 100 == 3) {
                exchange.getResponseHeaders().add("Location", "/moved");
            }
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    /** A PKCS12 key store with a self-signed EC key pair named {@code alias} for the given subject alternative names. */
    private static Path keyPair(String alias, String san) throws Exception {
        Path keystore = tls.resolve(alias + ".p12");
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + alias,
                "-ext", "SAN=" + san, "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASS, "-keypass", PASS, "-noprompt");
        return keystore;
    }

    /** The certificate of the key pair in {@code keystore}, as PEM. */
    private static Path pem(Path keystore) throws Exception {
        Path pem = Path.of(keystore.toString().replace(".p12", ".pem"));
        String alias = keystore.getFileName().toString().replace(".p12", "");
        keytool("-exportcert", "-rfc", "-alias", alias, "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASS, "-file", pem.toString());
        return pem;
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/keytool"));
        command.addAll(List.of(arguments));
        Process keytool = new ProcessBuilder(command).inheritIO().start();
        assertEquals(0, keytool.waitFor(), "keytool exit code");
    }
}
