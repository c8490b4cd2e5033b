package io.sightline.api.notify;

/**
 * The outcome of one {@link Webhooks#post}.
 *
 * @param delivered whether the webhook answered 2xx
 * @param attempts how many attempts were made; 0 when none could be (the sender was stopping or its
 *     queue was full)
 * @param status last HTTP status, 0 when none was received; error null when delivered
 * @param error why it was not delivered, naming at most the host and the status (never the URL's
 *     path or query); null when delivered
 */
public record WebhookDelivery(boolean delivered, int attempts, int status, String error) {}
