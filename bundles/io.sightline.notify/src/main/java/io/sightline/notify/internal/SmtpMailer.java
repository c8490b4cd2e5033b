package io.sightline.notify.internal;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;

import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.mail.smtp.SMTPTransport;

import io.sightline.api.notify.EmailMessage;
import io.sightline.api.notify.MailStatus;
import io.sightline.api.notify.Mailer;

/**
 * Sends email through the configured SMTP server from one background thread, retrying with
 * exponential back-off; without an SMTP host, writes each email to the log instead.
 * {@link #send} never waits for the network, so a request's timing does not show whether an
 * email went out.
 */
// Registered by hand (service = {}): DS would copy every configuration property, the SMTP
// password included, into the service properties that any bundle and service:list can read.
@Component(immediate = true, configurationPid = SmtpMailer.PID, service = {})
@Designate(ocd = NotifyConfig.class)
public class SmtpMailer implements Mailer {
    static final String PID = "io.sightline.notify";
    static final String CONFIG_FILE = "etc/" + PID + ".cfg";
    /** Emails waiting or being retried; beyond this, new ones are dropped rather than exhausting memory. */
    static final int QUEUE_CAPACITY = 1000;
    private static final Duration MAX_RETRY_DELAY = Duration.ofHours(1);
    private static final Set<String> SECURITY = Set.of("starttls", "tls", "none");
    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailer.class);

    /**
     * javax.mail finds its providers (META-INF/javamail.default.providers) and the text/plain
     * content handler (META-INF/mailcap) through the thread context class loader; in OSGi that
     * loader does not see the implementation bundle unless we set it.
     */
    private static final ClassLoader MAIL_IMPLEMENTATION = SMTPTransport.class.getClassLoader();

    private final String host;
    private final int port;
    private final String security;
    private final String username;
    private final String password;
    private final InternetAddress from;
    private final int retries;
    private final Duration firstRetryDelay;
    private final Duration timeout;
    private final Session session;
    /** The single delivery thread; null when mail is not configured. */
    private final ScheduledExecutorService worker;
    private final AtomicInteger pending = new AtomicInteger();

    private ServiceRegistration<Mailer> registration;

    @Activate
    public SmtpMailer(BundleContext context, NotifyConfig config) {
        this(config, Duration.ofSeconds(1));
        registration = context.registerService(Mailer.class, this, null);
    }

    /** {@code firstRetryDelay}: the wait before the first retry, doubled for each further one. */
    SmtpMailer(NotifyConfig config, Duration firstRetryDelay) {
        host = config.smtp_host().trim();
        port = config.smtp_port();
        security = config.smtp_security().trim().toLowerCase(Locale.ROOT);
        username = config.smtp_username();
        password = config.smtp_password();
        retries = config.retry_attempts();
        timeout = Duration.ofSeconds(config.timeout_seconds());
        this.firstRetryDelay = firstRetryDelay;
        if (!SECURITY.contains(security)) {
            throw new IllegalArgumentException("smtp.security must be starttls, tls or none, not '" + security + "'");
        }
        if (port < 1 || port > 65535 || retries < 0 || config.timeout_seconds() < 1) {
            throw new IllegalArgumentException("smtp.port must be 1-65535, retry.attempts >= 0, timeout.seconds >= 1");
        }
        try {
            from = new InternetAddress(config.from_address(), config.from_name(), "UTF-8");
            from.validate();
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("from.address is not an email address: " + config.from_address(), e);
        }

        if (host.isEmpty()) {
            session = null;
            worker = null;
            LOG.warn("Mail is not configured: emails are written to this log instead of being sent. {}", hint());
            return;
        }
        session = withMailClassLoader(() -> Session.getInstance(sessionProperties(config)));
        worker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sightline-mail");
            thread.setDaemon(true);
            return thread;
        });
        if (security.equals("none") && !password.isEmpty()) {
            LOG.warn("smtp.security is none: the SMTP password travels unencrypted to {}", host);
        }
        LOG.info("Sending email through {}:{} ({}) as {}", host, port, security, from.getAddress());
    }

    /** Our own properties, not System properties: no other code's mail.smtp.* settings change where or how we send. */
    private Properties sessionProperties(NotifyConfig config) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", host);
        p.setProperty("mail.smtp.port", String.valueOf(port));
        p.setProperty("mail.smtp.from", from.getAddress());
        p.setProperty("mail.smtp.auth", String.valueOf(!username.isEmpty()));
        String millis = String.valueOf(timeout.toMillis());
        p.setProperty("mail.smtp.connectiontimeout", millis);
        p.setProperty("mail.smtp.timeout", millis);
        p.setProperty("mail.smtp.writetimeout", millis);
        p.setProperty("mail.smtp.ssl.enable", String.valueOf(security.equals("tls")));
        // Never fall back to plain text when STARTTLS was asked for: the password and the links would leak.
        p.setProperty("mail.smtp.starttls.enable", String.valueOf(security.equals("starttls")));
        p.setProperty("mail.smtp.starttls.required", String.valueOf(security.equals("starttls")));
        // javax.mail does not check the host name against the certificate unless told to.
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        p.setProperty("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
        if (!config.smtp_trust().isBlank()) {
            p.setProperty("mail.smtp.ssl.trust", config.smtp_trust().trim());
        }
        return p;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (registration != null) {
            registration.unregister();
        }
        if (worker == null) {
            return;
        }
        worker.shutdownNow();
        // Socket I/O ignores interrupts; a delivery under way ends at the latest when the timeout strikes.
        if (!worker.awaitTermination(timeout.toSeconds() + 5, SECONDS)) {
            LOG.warn("The mail thread did not stop within {} s", timeout.toSeconds() + 5);
        }
        int lost = pending.get();
        if (lost > 0) {
            LOG.warn("{} queued email(s) were not sent because the mailer stopped", lost);
        }
    }

    @Override
    public boolean configured() {
        return worker != null;
    }

    @Override
    public MailStatus status() {
        return new MailStatus(configured(), configured() ? host : null, from.getAddress(), CONFIG_FILE, KEYS);
    }

    /** The mail keys of {@link NotifyConfig} as written in the .cfg file ({@code smtp_host} is {@code smtp.host}). */
    static final List<String> KEYS = Arrays.stream(NotifyConfig.class.getDeclaredMethods())
            .map(m -> m.getName().replace('_', '.'))
            .filter(key -> !key.startsWith("webhook."))
            .sorted(Comparator.comparingInt(SmtpMailer::keyOrder).thenComparing(Comparator.naturalOrder()))
            .toList();

    /** SMTP keys first, then the sender, then the tuning ones. */
    private static int keyOrder(String key) {
        return key.startsWith("smtp.") ? 0 : key.startsWith("from.") ? 1 : 2;
    }

    @Override
    public void send(EmailMessage message) {
        recipient(message.to());
        if (message.text() == null) {
            throw new IllegalArgumentException("text: required");
        }
        if (worker == null) {
            logInsteadOfSending(message);
            return;
        }
        if (pending.incrementAndGet() > QUEUE_CAPACITY) {
            dropped(message, "the queue is full (" + QUEUE_CAPACITY + " emails waiting)");
            return;
        }
        try {
            worker.execute(() -> attempt(message, 0));
        } catch (RejectedExecutionException e) {
            dropped(message, "the mailer is stopping");
        }
    }

    private void attempt(EmailMessage message, int attempt) {
        try {
            deliver(message);
            pending.decrementAndGet();
            LOG.debug("Email to {} with subject '{}' sent", message.to(), message.subject());
        } catch (MessagingException | RuntimeException e) {
            if (attempt >= retries) {
                dropped(message, "after " + (attempt + 1) + " attempt(s): " + reason(e));
                return;
            }
            Duration delay = firstRetryDelay.multipliedBy(1L << Math.min(attempt, 20));
            delay = delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay;
            LOG.info("Email to {} with subject '{}' not sent (attempt {} of {}): {}; retrying in {} ms",
                    message.to(), message.subject(), attempt + 1, retries + 1, reason(e), delay.toMillis());
            try {
                worker.schedule(() -> attempt(message, attempt + 1), delay.toMillis(), MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                dropped(message, "the mailer stopped while retrying: " + reason(e));
            }
        }
    }

    private void deliver(EmailMessage message) throws MessagingException {
        withMailClassLoader(() -> {
            MimeMessage mime = new MimeMessage(session);
            mime.setFrom(from);
            mime.setRecipient(Message.RecipientType.TO, recipient(message.to()));
            mime.setSubject(message.subject(), "UTF-8");
            mime.setText(message.text(), "UTF-8");
            mime.setSentDate(new Date());
            try (Transport transport = session.getTransport("smtp")) {
                if (username.isEmpty()) {
                    transport.connect();
                } else {
                    transport.connect(username, password);
                }
                transport.sendMessage(mime, mime.getAllRecipients());
            }
            return null;
        });
    }

    /** Never the body: it holds single-use links. */
    private void dropped(EmailMessage message, String why) {
        pending.decrementAndGet();
        LOG.warn("Email to {} with subject '{}' was not sent and is dropped: {}", message.to(), message.subject(), why);
    }

    /** the admin can follow a confirmation link from the log. */
    private static void logInsteadOfSending(EmailMessage message) {
        // Each body line is prefixed, so that text in a body cannot pass for a log line of its own.
        String body = message.text().replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\n  | ");
        LOG.warn("Mail is not configured, so this email is written here instead of being sent:\n"
                + "  To: {}\n  Subject: {}\n  | {}\n{}", message.to(), message.subject(), body, hint());
    }

    private static String hint() {
        return "To send emails, set smtp.host (and smtp.port, smtp.security, smtp.username, smtp.password, "
                + "from.address) in " + CONFIG_FILE + ".";
    }

    /** One address (a display name is allowed); a list, a group or a bare local part is refused. */
    static InternetAddress recipient(String to) {
        try {
            InternetAddress address = new InternetAddress(to, true);
            if (address.isGroup() || address.getAddress().indexOf('@') < 1) {
                throw new IllegalArgumentException("to: not a single email address");
            }
            return address;
        } catch (AddressException e) {
            throw new IllegalArgumentException("to: not a single email address");
        }
    }

    private static String reason(Exception e) {
        String reason = e.getMessage();
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            reason += " (" + cause.getMessage() + ")";
        }
        return reason;
    }

    private interface MailAction<T, E extends Exception> {
        T run() throws E;
    }

    private static <T, E extends Exception> T withMailClassLoader(MailAction<T, E> action) throws E {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(MAIL_IMPLEMENTATION);
        try {
            return action.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Never the password. */
    @Override
    public String toString() {
        return host.isEmpty()
                ? "SmtpMailer[not configured]"
                : "SmtpMailer[" + host + ":" + port + ", " + security + (username.isEmpty() ? "" : ", user " + username) + "]";
    }
}
