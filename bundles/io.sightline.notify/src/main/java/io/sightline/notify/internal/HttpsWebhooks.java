package io.sightline.notify.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sightline.api.notify.WebhookDelivery;
import io.sightline.api.notify.Webhooks;

/**
 * POSTs JSON to HTTPS webhooks from a small pool of background threads, retrying with exponential
 * back-off. Follows no redirect, and unless {@code webhook.allow.private.addresses} is set, refuses
 * a host that resolves to an address inside the server's own networks (SSRF guard). Webhook URLs
 * carry secrets in their path or query (Slack's do): only the host is ever logged or reported.
 */
// Registered by hand (service = {}), as SmtpMailer: this PID also holds the SMTP password, which DS
// would copy into the service properties. SmtpMailer designates the PID's metatype (bnd allows one).
@Component(immediate = true, configurationPid = SmtpMailer.PID, service = {})
public class HttpsWebhooks implements Webhooks {
    /** Webhooks waiting or being retried; beyond this, new ones fail at once rather than exhaust memory. */
    static final int QUEUE_CAPACITY = 1000;
    private static final Duration MAX_RETRY_DELAY = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(HttpsWebhooks.class);

    private final int attempts;
    private final Duration firstRetryDelay;
    private final Duration timeout;
    private final boolean allowPrivateAddresses;
    /** Resolves hosts, schedules retries and runs the HTTP client's tasks. */
    private final ScheduledExecutorService worker;
    private final HttpClient client;
    private final Set<Delivery> pending = ConcurrentHashMap.newKeySet();

    private ServiceRegistration<Webhooks> registration;

    @Activate
    public HttpsWebhooks(BundleContext context, NotifyConfig config) {
        this(config);
        registration = context.registerService(Webhooks.class, this, null);
    }

    HttpsWebhooks(NotifyConfig config) {
        attempts = config.webhook_attempts();
        double backoff = config.webhook_backoff_seconds();
        if (attempts < 1 || !(backoff >= 0) || Double.isInfinite(backoff) || config.webhook_timeout_seconds() < 1) {
            throw new IllegalArgumentException(
                    "webhook.attempts must be >= 1, webhook.backoff.seconds >= 0, webhook.timeout.seconds >= 1");
        }
        firstRetryDelay = Duration.ofMillis(Math.round(Math.min(backoff, MAX_RETRY_DELAY.toSeconds()) * 1000));
        timeout = Duration.ofSeconds(config.webhook_timeout_seconds());
        allowPrivateAddresses = config.webhook_allow_private_addresses();
        SSLContext ssl = sslContext(config.webhook_truststore().trim());
        AtomicInteger threads = new AtomicInteger();
        worker = Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "sightline-webhook-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .sslContext(ssl)
                .executor(worker)
                .build();
        if (allowPrivateAddresses) {
            LOG.warn("webhook.allow.private.addresses is true: webhooks may reach this server's own networks");
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (registration != null) {
            registration.unregister();
        }
        worker.shutdownNow();
        // Only host lookups block a worker thread, and not for long.
        if (!worker.awaitTermination(timeout.toSeconds(), SECONDS)) {
            LOG.warn("The webhook threads did not stop within {} s", timeout.toSeconds());
        }
        for (Delivery delivery : List.copyOf(pending)) {
            finish(delivery, false, "not delivered to " + delivery.host + ": the webhook sender stopped");
        }
    }

    @Override
    public CompletableFuture<WebhookDelivery> post(URI url, String json) {
        Objects.requireNonNull(json, "json");
        Delivery delivery = new Delivery(url, request(url, json));
        pending.add(delivery);
        if (pending.size() > QUEUE_CAPACITY) {
            finish(delivery, false, "not sent to " + delivery.host + ": the queue is full (" + QUEUE_CAPACITY
                    + " webhooks waiting)");
        } else {
            try {
                worker.execute(() -> safely(delivery, () -> attempt(delivery)));
            } catch (RejectedExecutionException e) {
                finish(delivery, false, "not sent to " + delivery.host + ": the webhook sender is stopping");
            }
        }
        return delivery.outcome;
    }

    /** The message never holds the URL: it may carry a secret. */
    private HttpRequest request(URI url, String json) {
        if (url == null || url.isOpaque() || !"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("Use an https:// URL.");
        }
        try {
            return HttpRequest.newBuilder(url)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Sightline")
                    .POST(BodyPublishers.ofString(json, UTF_8))
                    .build();
        } catch (IllegalArgumentException e) { // its message quotes the URL
            throw new IllegalArgumentException("Not a URL a webhook can be posted to.");
        }
    }

    private void attempt(Delivery delivery) {
        if (delivery.outcome.isDone()) { // the caller cancelled it
            pending.remove(delivery);
            return;
        }
        int attempt = ++delivery.attempts;
        if (!allowPrivateAddresses) {
            InetAddress refused;
            try {
                refused = privateAddress(InetAddress.getAllByName(delivery.host));
            } catch (UnknownHostException e) {
                failed(delivery, delivery.host + ": unknown host", true, Duration.ZERO);
                return;
            }
            if (refused != null) {
                LOG.warn("Webhook to {} refused (attempt {}): the host resolves to the private address {}",
                        delivery.host, attempt, refused.getHostAddress());
                finish(delivery, false, "refused: " + delivery.host + " resolves to the private address "
                        + refused.getHostAddress() + " (webhook.allow.private.addresses is false)");
                return;
            }
        }
        client.sendAsync(delivery.request, BodyHandlers.discarding())
                // the request timeout ends at the answer's headers; this one bounds a body that trickles
                .orTimeout(timeout.multipliedBy(2).toMillis(), MILLISECONDS)
                .whenComplete((response, error) -> safely(delivery, () -> answered(delivery, response, error)));
    }

    private void answered(Delivery delivery, HttpResponse<Void> response, Throwable error) {
        if (error != null) {
            Throwable cause = unwrap(error);
            boolean retry = (cause instanceof IOException || cause instanceof TimeoutException) && !untrusted(cause);
            failed(delivery, delivery.host + ": " + describe(cause, delivery.url), retry, Duration.ZERO);
            return;
        }
        int status = response.statusCode();
        delivery.status = status;
        if (status >= 200 && status < 300) {
            LOG.debug("Webhook to {} delivered: HTTP {} (attempt {})", delivery.host, status, delivery.attempts);
            finish(delivery, true, null);
            return;
        }
        String why = "HTTP " + status + " from " + delivery.host + (status >= 300 && status < 400
                ? " (redirects are not followed)" : "");
        failed(delivery, why, status == 429 || status >= 500, retryAfter(response));
    }

    private void failed(Delivery delivery, String why, boolean retry, Duration retryAfter) {
        int attempt = delivery.attempts;
        if (!retry || attempt >= attempts) {
            LOG.warn("Webhook to {} not delivered after {} attempt(s): {}", delivery.host, attempt, why);
            finish(delivery, false, why);
            return;
        }
        Duration delay = firstRetryDelay.multipliedBy(1L << Math.min(attempt - 1, 20));
        delay = retryAfter.compareTo(delay) > 0 ? retryAfter : delay;
        delay = delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay;
        LOG.info("Webhook to {} failed (attempt {} of {}): {}; retrying in {} ms",
                delivery.host, attempt, attempts, why, delay.toMillis());
        try {
            worker.schedule(() -> safely(delivery, () -> attempt(delivery)), delay.toNanos(), NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            finish(delivery, false, why + "; not retried: the webhook sender stopped");
        }
    }

    /** Runs a step of a delivery; should it throw, the delivery ends, so that the caller's future completes. */
    private void safely(Delivery delivery, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            String why = delivery.host + ": " + describe(e, delivery.url);
            LOG.error("Webhook to {} failed unexpectedly (attempt {}): {}", delivery.host, delivery.attempts, why);
            finish(delivery, false, why);
        }
    }

    private void finish(Delivery delivery, boolean delivered, String error) {
        pending.remove(delivery);
        delivery.outcome.complete(new WebhookDelivery(delivered, delivery.attempts, delivery.status, error));
    }

    /** The first of {@code addresses} that lies in the server's own networks, or null when none does. */
    static InetAddress privateAddress(InetAddress... addresses) {
        return Stream.of(addresses).filter(HttpsWebhooks::isPrivate).findFirst().orElse(null);
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isSiteLocalAddress()
                || address.isLinkLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            // 0/8 "this network" (0.0.0.0 reaches localhost), 100.64/10 carrier-grade NAT, 240/4 reserved
            return b[0] == 0 || (b[0] == 100 && (b[1] & 0xC0) == 64) || (b[0] & 0xF0) == 0xF0;
        }
        if ((b[0] & 0xFE) == 0xFC) { // fc00::/7 unique-local
            return true;
        }
        // Forms that carry an IPv4 address: IPv4-compatible ::/96, NAT64 64:ff9b::/96, 6to4 2002::/16
        boolean compatible = Arrays.equals(b, 0, 12, new byte[12], 0, 12);
        boolean nat64 = Arrays.equals(b, 0, 12, new byte[] {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0}, 0, 12);
        try {
            if (compatible || nat64) {
                return isPrivate(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
            }
            if (b[0] == 0x20 && b[1] == 0x02) {
                return isPrivate(InetAddress.getByAddress(Arrays.copyOfRange(b, 2, 6)));
            }
        } catch (UnknownHostException impossible) { // four bytes are always an address
            throw new IllegalStateException(impossible);
        }
        return false;
    }

    /** The wait a 429 or 503 asks for in seconds; HTTP dates are not honoured. */
    private static Duration retryAfter(HttpResponse<?> response) {
        try {
            return response.headers().firstValue("Retry-After")
                    .map(value -> Duration.ofSeconds(Math.max(0, Math.min(Long.parseLong(value.trim()),
                            MAX_RETRY_DELAY.toSeconds()))))
                    .orElse(Duration.ZERO);
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }

    private static Throwable unwrap(Throwable error) {
        while ((error instanceof CompletionException || error instanceof ExecutionException) && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }

    /** A certificate that no trusted authority signed, or that names another host: retrying cannot help. */
    private static boolean untrusted(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The exception's type and first message, with every part of the URL but scheme, host and port
     * cut out: the JDK's messages do not quote the URL today, but nothing promises they never will.
     */
    static String describe(Throwable error, URI url) {
        String message = null;
        for (Throwable cause = error; cause != null && message == null; cause = cause.getCause()) {
            message = cause.getMessage();
        }
        if (error instanceof TimeoutException) {
            message = "no complete answer in time";
        }
        String text = error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        for (String secret : secrets(url)) {
            text = text.replace(secret, "…");
        }
        return text;
    }

    /** The whole URL, and its path, query, fragment and user info whole and in parts; longest first. */
    private static List<String> secrets(URI url) {
        Stream<String> parts = Stream.of(url.getRawPath(), url.getPath(), url.getRawQuery(), url.getQuery(),
                        url.getRawFragment(), url.getFragment(), url.getRawUserInfo(), url.getUserInfo())
                .filter(Objects::nonNull)
                .flatMap(part -> Stream.concat(Stream.of(part), Stream.of(part.split("[/?&=#:;]"))));
        return Stream.concat(Stream.of(url.toString()), parts)
                .filter(part -> part.length() > 2)
                .distinct()
                .sorted((a, b) -> b.length() - a.length())
                .toList();
    }

    /** The JVM's trust, plus the CA certificates of {@code truststore} when one is named. */
    private static SSLContext sslContext(String truststore) {
        if (truststore.isEmpty()) {
            try {
                return SSLContext.getDefault();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("The JVM has no default TLS context", e);
            }
        }
        Path path = Path.of(truststore);
        String home = System.getProperty("karaf.base");
        if (!path.isAbsolute() && home != null) {
            path = Path.of(home).resolve(path);
        }
        try (InputStream in = Files.newInputStream(path)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("webhook.truststore: no certificate in " + path);
            }
            KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
            extra.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                extra.setCertificateEntry("ca-" + i++, certificate);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new EitherTrustManager(trustManager(null), trustManager(extra))}, null);
            LOG.info("Webhooks trust {} certificate(s) from {} besides the JVM's authorities", certificates.size(), path);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("webhook.truststore: cannot read CA certificates from " + path + ": " + e, e);
        }
    }

    /** {@code keyStore} null: the JVM's default trust. */
    private static X509ExtendedTrustManager trustManager(KeyStore keyStore) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(keyStore);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("No X.509 trust manager from " + factory.getAlgorithm());
    }

    private static final class Delivery {
        final URI url;
        final String host;
        final HttpRequest request;
        final CompletableFuture<WebhookDelivery> outcome = new CompletableFuture<>();
        /** Written by one worker thread at a time, each attempt scheduled after the last. */
        volatile int attempts;
        volatile int status;

        Delivery(URI url, HttpRequest request) {
            this.url = url;
            this.host = url.getHost();
            this.request = request;
        }
    }

    /**
     * Trusts a server that either the JVM's authorities or the extra ones vouch for. Extended, so
     * that the TLS engine still checks the host name against the certificate.
     */
    private static final class EitherTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager jvm;
        private final X509ExtendedTrustManager extra;
        private final Set<X500Principal> extraNames;

        EitherTrustManager(X509ExtendedTrustManager jvm, X509ExtendedTrustManager extra) {
            this.jvm = jvm;
            this.extra = extra;
            extraNames = Stream.of(extra.getAcceptedIssuers()).map(X509Certificate::getSubjectX500Principal)
                    .collect(Collectors.toSet());
        }

        private interface Check {
            void on(X509ExtendedTrustManager manager) throws CertificateException;
        }

        /**
         * When both refuse, the complaint of the authorities the chain names is the one that helps
         * (a host name that does not match, rather than "no path to a trusted authority").
         */
        private void either(X509Certificate[] chain, Check check) throws CertificateException {
            try {
                check.on(jvm);
            } catch (CertificateException byJvm) {
                try {
                    check.on(extra);
                } catch (CertificateException byExtra) {
                    boolean ours = Stream.of(chain).anyMatch(c -> extraNames.contains(c.getIssuerX500Principal()));
                    CertificateException reported = ours ? byExtra : byJvm;
                    reported.addSuppressed(ours ? byJvm : byExtra);
                    throw reported;
                }
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            either(chain, m -> m.checkServerTrusted(chain, authType));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            either(chain, m -> m.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            either(chain, m -> m.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            either(chain, m -> m.checkClientTrusted(chain, authType));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            either(chain, m -> m.checkClientTrusted(chain, authType, socket));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            either(chain, m -> m.checkClientTrusted(chain, authType, engine));
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return Stream.concat(Arrays.stream(jvm.getAcceptedIssuers()), Arrays.stream(extra.getAcceptedIssuers()))
                    .toArray(X509Certificate[]::new);
        }
    }
}
