package io.sightline.notify.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * {@code etc/io.sightline.notify.cfg}: email, read by {@link SmtpMailer}, and webhooks, read by
 * {@link HttpsWebhooks}. One class, because a PID has one metatype description (bnd refuses a
 * second).
 */
@ObjectClassDefinition(
        name = "Sightline email and webhooks",
        description = "The SMTP server that sends Sightline's emails (confirmations, password resets, unlock links, "
                + "invitations, alerts); without smtp.host, emails are written to the server log instead. And how "
                + "alerts POST JSON to HTTPS webhooks (Slack, Teams, ...).")
@interface NotifyConfig {

    @AttributeDefinition(description = "Host name of the SMTP server. Empty means mail is not configured: every "
            + "email is written to the server log with a warning, body included.")
    String smtp_host() default "";

    @AttributeDefinition(description = "Port of the SMTP server: usually 587 for starttls, 465 for tls, 25 for none.")
    int smtp_port() default 587;

    @AttributeDefinition(
            description = "How the connection is secured: starttls (plain connection upgraded to TLS; sending fails "
                    + "if the server does not offer STARTTLS), tls (TLS from the first byte) or none (unencrypted; "
                    + "only for a relay on the same host or a trusted network).",
            options = {
                @Option(value = "starttls", label = "STARTTLS (required)"),
                @Option(value = "tls", label = "TLS"),
                @Option(value = "none", label = "None (unencrypted)")
            })
    String smtp_security() default "starttls";

    @AttributeDefinition(description = "User name for SMTP authentication. Empty means no authentication.")
    String smtp_username() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password for SMTP authentication. "
            + "Never logged; keep this file readable by the server's user only.")
    String smtp_password() default "";

    @AttributeDefinition(description = "Space-separated hosts whose TLS certificate is accepted without checking "
            + "who signed it, for a private server with a self-signed certificate. The host name must still match "
            + "the certificate. Empty means the certificate must chain to a trusted authority of the JVM.")
    String smtp_trust() default "";

    @AttributeDefinition(description = "Sender address of every email (also the SMTP envelope sender).")
    String from_address() default "sightline@localhost";

    @AttributeDefinition(description = "Sender name shown to recipients.")
    String from_name() default "Sightline";

    @AttributeDefinition(description = "Seconds to wait for the SMTP server to connect, answer or accept data.", min = "1")
    int timeout_seconds() default 30;

    @AttributeDefinition(description = "How many times a failed delivery is retried, waiting 1 s, 2 s, 4 s, ... "
            + "between attempts. After the last one the email is dropped with a warning naming recipient and subject.",
            min = "0")
    int retry_attempts() default 5;

    // ---- webhooks (HttpsWebhooks) ----

    @AttributeDefinition(description = "How many times a webhook is tried in all before it is given up on. Connection "
            + "errors, 429 and 5xx answers are retried; other answers are not.", min = "1")
    int webhook_attempts() default 4;

    @AttributeDefinition(description = "Seconds to wait before the first retry, doubled for each further one "
            + "(2 s, 4 s, 8 s, ...); a longer Retry-After from the webhook wins. Fractions allowed.", min = "0")
    double webhook_backoff_seconds() default 2;

    @AttributeDefinition(description = "Seconds to wait for the webhook to connect, and again for its answer.", min = "1")
    int webhook_timeout_seconds() default 10;

    @AttributeDefinition(description = "Path of a PEM file with one or more CA certificates trusted in addition to the "
            + "JVM's, for webhooks on a private authority; relative to the server's home. Empty means the JVM's "
            + "authorities only.")
    String webhook_truststore() default "";

    @AttributeDefinition(description = "Whether webhooks may point at loopback, private (10/8, 172.16/12, 192.168/16, "
            + "100.64/10, fc00::/7), link-local (169.254/16, fe80::/10, cloud metadata), any-local or multicast "
            + "addresses. false refuses them, checked on the address the host resolves to when sending (SSRF guard).")
    boolean webhook_allow_private_addresses() default false;
}
