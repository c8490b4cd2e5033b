package io.sightline.api.notify;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Posts JSON to HTTPS webhooks with retries; never blocks the caller.
 *
 * <p>A webhook URL often carries a secret in its path or query (Slack's do), so implementations
 * never log it nor put it in a {@link WebhookDelivery#error()}: they name the host only. Redirects
 * are not followed. Thread-safe.
 */
@ProviderType
public interface Webhooks {
    /**
     * Queues a POST of {@code json} (Content-Type application/json) to {@code url}. Retried with
     * exponential back-off on connection errors, 429 and 5xx; not on other 4xx. The future
     * completes with the final outcome and never completes exceptionally.
     *
     * @param url the webhook, an absolute {@code https://} URL
     * @param json the request body, sent as UTF-8
     * @return the outcome, once delivered or given up on
     * @throws IllegalArgumentException when url is not https (message never contains the URL)
     */
    CompletableFuture<WebhookDelivery> post(URI url, String json);
}
