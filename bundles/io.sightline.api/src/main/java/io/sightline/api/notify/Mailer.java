package io.sightline.api.notify;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends email. {@link #send} only queues the message and returns at once, so that a request's
 * timing does not depend on whether an email was sent (A-4: no account enumeration by timing).
 * Delivery is retried in the background; when no SMTP server is configured the message is
 * written to the server log with a warning instead of being lost. Thread-safe.
 */
@ProviderType
public interface Mailer {

    /** Queues {@code message} for delivery. */
    void send(EmailMessage message);

    /** Whether an SMTP server is configured; when not, emails go to the log. */
    boolean configured();

    /** The mail settings an admin may see, with no secret among them. */
    MailStatus status();
}
