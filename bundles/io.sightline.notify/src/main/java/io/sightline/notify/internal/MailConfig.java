package io.sightline.notify.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(
        name = "Sightline email",
        description = "The SMTP server that sends Sightline's emails (confirmations, password resets, unlock links, "
                + "invitations, alerts). Without smtp.host, emails are written to the server log instead.")
@interface MailConfig {

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
}
