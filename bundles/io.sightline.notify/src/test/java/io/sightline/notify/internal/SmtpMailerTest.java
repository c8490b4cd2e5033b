package io.sightline.notify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import javax.mail.Message;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

import ch.qos.logback.classic.Level;
import io.sightline.api.notify.EmailMessage;
import io.sightline.api.notify.MailStatus;

/** SmtpMailer against GreenMail, a real SMTP server in this JVM. */
class SmtpMailerTest {
    private static final String LINK = "https://sightline.example/confirm?token=single-use-abc123";
    private static final String BODY = "Welcome to Sightline.\nConfirm your address: " + LINK + "\nThe link is valid 24 hours.";
    private static final String PASSWORD = "s3cret-smtp-password";
    private static final Duration WAIT = Duration.ofSeconds(20);
    // Free ports: other builds on this machine may run GreenMail on its default ones.
    private static final ServerSetup SMTP = ServerSetupTest.SMTP.dynamicPort();
    private static final ServerSetup SMTPS = ServerSetupTest.SMTPS.dynamicPort();

    private final List<SmtpMailer> mailers = new ArrayList<>();
    @RegisterExtension
    final CapturedLog log = new CapturedLog(SmtpMailer.class);
    private GreenMail greenMail;

    /** GreenMail's bundled certificate names no host (and has expired): give it one for localhost. */
    @BeforeAll
    static void greenMailCertificate() throws Exception {
        File keystore = new File("target/greenmail-tls.p12");
        Files.deleteIfExists(keystore.toPath());
        Process keytool = new ProcessBuilder(System.getProperty("java.home") + "/bin/keytool", "-genkeypair",
                        "-alias", "greenmail", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-storetype", "PKCS12",
                        "-keystore", keystore.getPath(), "-storepass", "changeit", "-keypass", "changeit", "-noprompt")
                .inheritIO()
                .start();
        assertEquals(0, keytool.waitFor(), "keytool exit code");
        System.setProperty("greenmail.tls.keystore.file", keystore.getAbsolutePath());
        System.setProperty("greenmail.tls.keystore.password", "changeit");
        System.setProperty("greenmail.tls.key.password", "changeit");
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (SmtpMailer mailer : mailers) {
            mailer.deactivate();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
        for (String line : logLines(Level.TRACE)) {
            assertFalse(line.contains(PASSWORD), "password logged: " + line);
        }
    }

    // ---- delivery ----

    @Test
    void deliversSubjectBodyAndSender() throws Exception {
        startGreenMail(SMTP);
        SmtpMailer mailer = mailer("smtp.security", "none", "smtp.port", smtpPort(),
                "from.address", "noreply@sightline.example", "from.name", "Sightline Ops");
        assertTrue(mailer.configured());

        mailer.send(new EmailMessage("ann@example.com", "Confirm your email — Sightline", BODY));

        MimeMessage received = onlyMessage();
        assertEquals("Confirm your email — Sightline", received.getSubject());
        assertEquals(BODY, body(received));
        InternetAddress from = (InternetAddress) received.getFrom()[0];
        assertEquals("noreply@sightline.example", from.getAddress());
        assertEquals("Sightline Ops", from.getPersonal());
        assertEquals("ann@example.com", ((InternetAddress) received.getRecipients(Message.RecipientType.TO)[0]).getAddress());
        assertEquals(1, received.getAllRecipients().length);
    }

    @Test
    void authenticatesWithUsernameAndPassword() throws Exception {
        startGreenMail(SMTP, GreenMailConfiguration.aConfig().withUser("mailer", PASSWORD));
        SmtpMailer mailer = mailer("smtp.security", "none", "smtp.port", smtpPort(),
                "smtp.username", "mailer", "smtp.password", PASSWORD);
        assertFalse(mailer.toString().contains(PASSWORD), mailer.toString());

        mailer.send(new EmailMessage("ann@example.com", "Hello", BODY));
        assertEquals("Hello", onlyMessage().getSubject());
    }

    @Test
    void aWrongPasswordIsNotLogged() {
        startGreenMail(SMTP, GreenMailConfiguration.aConfig().withUser("mailer", "the-right-one"));
        SmtpMailer mailer = mailer("smtp.security", "none", "smtp.port", smtpPort(), "retry.attempts", 0,
                "smtp.username", "mailer", "smtp.password", PASSWORD);
        mailer.send(new EmailMessage("ann@example.com", "Hello", BODY));
        awaitLog(Level.WARN, "dropped");
        assertEquals(0, greenMail.getReceivedMessages().length);
        // stopEverything() checks that no log line holds the password
    }

    @Test
    void tlsDeliversWhenTheServersCertificateIsTrusted() throws Exception {
        startGreenMail(SMTPS);
        SmtpMailer mailer = mailer("smtp.host", "localhost", "smtp.security", "tls", "smtp.port", smtpsPort(),
                "smtp.trust", "localhost");

        mailer.send(new EmailMessage("ann@example.com", "Over TLS", BODY));

        assertEquals(BODY, body(onlyMessage()));
    }

    @Test
    void tlsRefusesACertificateNoAuthoritySigned() {
        startGreenMail(SMTPS);
        SmtpMailer mailer = mailer("smtp.host", "localhost", "smtp.security", "tls", "smtp.port", smtpsPort(),
                "retry.attempts", 0);

        mailer.send(new EmailMessage("ann@example.com", "Over TLS", BODY));

        assertTrue(awaitLog(Level.WARN, "dropped").contains("PKIX"), logLines(Level.INFO).toString());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void tlsChecksTheHostNameEvenForATrustedHost() {
        startGreenMail(SMTPS);
        // The certificate names localhost only; 127.0.0.1 is the same server under a name it does not carry.
        SmtpMailer mailer = mailer("smtp.host", "127.0.0.1", "smtp.security", "tls", "smtp.port", smtpsPort(),
                "smtp.trust", "127.0.0.1", "retry.attempts", 0);

        mailer.send(new EmailMessage("ann@example.com", "Over TLS", BODY));

        assertTrue(awaitLog(Level.WARN, "dropped").contains("identity"), logLines(Level.INFO).toString());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void starttlsNeverFallsBackToPlainText() {
        startGreenMail(SMTP); // GreenMail 1.6 offers no STARTTLS
        SmtpMailer mailer = mailer("smtp.port", smtpPort(), "retry.attempts", 0); // security defaults to starttls

        mailer.send(new EmailMessage("ann@example.com", "Hello", BODY));

        assertTrue(awaitLog(Level.WARN, "dropped").contains("STARTTLS"), logLines(Level.INFO).toString());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    // ---- queueing and retries ----

    @Test
    void aMessageSentWhileTheServerIsDownIsDeliveredWhenItComesUp() throws Exception {
        int port = freePort();
        SmtpMailer mailer = mailer("smtp.security", "none", "smtp.port", port, "retry.attempts", 8);

        mailer.send(new EmailMessage("ann@example.com", "Patience", BODY));
        awaitLog(Level.INFO, "retrying");
        assertNull(greenMail);
        startGreenMail(ServerSetupTest.SMTP.port(port));

        assertEquals("Patience", onlyMessage().getSubject());
    }

    @Test
    void afterTheLastRetryTheEmailIsDroppedWithAWarningThatOmitsTheBody() {
        SmtpMailer mailer = mailer("smtp.security", "none", "smtp.port", freePort(), "retry.attempts", 2);

        mailer.send(new EmailMessage("ann@example.com", "Lost cause", BODY));

        String warning = awaitLog(Level.WARN, "dropped");
        assertTrue(warning.contains("ann@example.com") && warning.contains("Lost cause") && warning.contains("3 attempt"),
                warning);
        assertEquals(2, logLines(Level.INFO).stream().filter(line -> line.contains("retrying")).count());
        for (String line : logLines(Level.TRACE)) {
            assertFalse(line.contains(LINK), "body logged: " + line);
        }
    }

    @Test
    void sendReturnsAtOnceWhileTheServerHangs() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket socket = silent.accept();
                        if (held.isEmpty()) {
                            held.add(socket); // the first connection: accept, then never say a word
                        } else {
                            socket.close(); // later ones fail at once
                        }
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.start();
            SmtpMailer mailer = mailer("smtp.security", "none", "smtp.port", silent.getLocalPort(),
                    "timeout.seconds", 60, "retry.attempts", 0);

            // Delivery cannot finish before 60 s (the server never greets); send must not wait for it.
            assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> mailer.send(new EmailMessage("ann@example.com", "Hello", BODY)));
            await(() -> !held.isEmpty(), "the mail thread to connect");

            // The queue is bounded: one email is being delivered, QUEUE_CAPACITY - 1 wait, the next is dropped.
            for (int i = 1; i < SmtpMailer.QUEUE_CAPACITY; i++) {
                mailer.send(new EmailMessage("ann@example.com", "Queued " + i, BODY));
            }
            assertFalse(logLines(Level.WARN).stream().anyMatch(line -> line.contains("queue is full")));
            mailer.send(new EmailMessage("bob@example.com", "One too many", BODY));
            assertTrue(awaitLog(Level.WARN, "queue is full").contains("bob@example.com"));

            held.get(0).close();
            await(() -> logLines(Level.WARN).stream().filter(line -> line.contains("dropped")).count()
                    == SmtpMailer.QUEUE_CAPACITY + 1, "every queued email to fail");
            silent.close();
            acceptor.join();
        }
    }

    @Test
    void deactivateStopsTheMailThread() throws Exception {
        startGreenMail(SMTP);
        SmtpMailer mailer = mailer("smtp.security", "none", "smtp.port", smtpPort());
        mailer.send(new EmailMessage("ann@example.com", "Hello", BODY));
        onlyMessage();
        assertTrue(mailThreadAlive());

        mailer.deactivate();

        await(() -> !mailThreadAlive(), "the sightline-mail thread to end");
        mailers.remove(mailer);
    }

    // ---- validation ----

    @Test
    void refusesHeaderInjectionAndAnythingButOneAddress() throws Exception {
        startGreenMail(SMTP);
        SmtpMailer mailer = mailer("smtp.security", "none", "smtp.port", smtpPort());

        for (String to : List.of("ann@example.com\r\nBcc: eve@evil.example", "ann@example.com\nBcc: eve@evil.example",
                "ann@example.com, eve@evil.example", "friends: ann@example.com, eve@evil.example;", "ann", "", "<>")) {
            assertThrows(IllegalArgumentException.class, () -> mailer.send(new EmailMessage(to, "Hi", BODY)), to);
        }
        for (String subject : List.of("Hi\r\nBcc: eve@evil.example", "Hi\nBcc: eve@evil.example", "Hi\rX: y")) {
            assertThrows(IllegalArgumentException.class,
                    () -> mailer.send(new EmailMessage("ann@example.com", subject, BODY)), subject);
        }
        assertThrows(IllegalArgumentException.class, () -> mailer.send(new EmailMessage("ann@example.com", "Hi", null)));

        // A body cannot end the SMTP DATA phase and start a second, forged message.
        String smuggled = "Hello\r\n.\r\nMAIL FROM:<eve@evil.example>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n"
                + "Subject: Forged\r\n\r\nGotcha\r\n.\r\n";
        mailer.send(new EmailMessage("ann@example.com", "Smuggler", smuggled));
        mailer.send(new EmailMessage("ann@example.com", "Control", BODY));
        assertTrue(greenMail.waitForIncomingEmail(WAIT.toMillis(), 2));
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertEquals(List.of("Smuggler", "Control"), Stream.of(received).map(SmtpMailerTest::subject).toList());
        assertEquals(1, received[0].getAllRecipients().length);
        assertTrue(body(received[0]).contains("MAIL FROM:<eve@evil.example>"), "the smuggled text stays body text");
    }

    @Test
    void refusesAnUnknownSecurityMode() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mailer("smtp.host", "localhost", "smtp.security", "ssl"));
        assertTrue(e.getMessage().contains("smtp.security"));
    }

    // ---- not configured (A-11) ----

    @Test
    void withoutAHostEmailsGoToTheLogWithTheirBody() {
        SmtpMailer mailer = mailer("smtp.host", "");
        assertFalse(mailer.configured());
        assertTrue(awaitLog(Level.WARN, "not configured").contains(SmtpMailer.CONFIG_FILE));

        mailer.send(new EmailMessage("ann@example.com", "Confirm your email", BODY + "\n12:00:00 INFO forged line"));

        String logged = awaitLog(Level.WARN, "Subject: Confirm your email");
        assertTrue(logged.contains("To: ann@example.com"), logged);
        assertTrue(logged.contains(LINK), logged);
        assertTrue(logged.contains("\n  | 12:00:00 INFO forged line"), "body lines are marked: " + logged);
        assertTrue(logged.contains("set smtp.host") && logged.contains("etc/io.sightline.notify.cfg"), logged);
        assertFalse(mailThreadAlive());
    }

    @Test
    void statusNamesHostSenderAndKeysButNoSecret() {
        MailStatus off = mailer("smtp.host", "").status();
        assertFalse(off.configured());
        assertEquals(null, off.host());
        assertEquals("etc/io.sightline.notify.cfg", off.configFile());
        assertEquals(List.of("smtp.host", "smtp.password", "smtp.port", "smtp.security", "smtp.trust", "smtp.username",
                "from.address", "from.name", "retry.attempts", "timeout.seconds"), off.keys());

        MailStatus on = mailer("smtp.username", "mailer", "smtp.password", "hunter2-secret",
                "from.address", "bi@example.com").status();
        assertTrue(on.configured());
        assertEquals("localhost", on.host());
        assertEquals("bi@example.com", on.fromAddress());
        assertFalse(on.toString().contains("hunter2-secret") || on.toString().contains("mailer,"), on.toString());
    }

    // ---- helpers ----

    /** A mailer for an SMTP server on localhost, unless {@code smtp.host} is given. */
    private SmtpMailer mailer(Object... keysAndValues) {
        Object[] withHost = new Object[keysAndValues.length + 2];
        withHost[0] = "smtp.host";
        withHost[1] = "localhost";
        System.arraycopy(keysAndValues, 0, withHost, 2, keysAndValues.length); // a later key wins
        SmtpMailer mailer = new SmtpMailer(Configs.of(NotifyConfig.class, withHost), Duration.ofMillis(50));
        mailers.add(mailer);
        return mailer;
    }

    private void startGreenMail(ServerSetup setup) {
        startGreenMail(setup, GreenMailConfiguration.aConfig().withDisabledAuthentication());
    }

    private void startGreenMail(ServerSetup setup, GreenMailConfiguration configuration) {
        greenMail = new GreenMail(setup).withConfiguration(configuration);
        greenMail.start();
    }

    private int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    private int smtpsPort() {
        return greenMail.getSmtps().getPort();
    }

    private MimeMessage onlyMessage() {
        assertTrue(greenMail.waitForIncomingEmail(WAIT.toMillis(), 1), "no email within " + WAIT + "; log: " + logLines(Level.INFO));
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertEquals(1, received.length);
        return received[0];
    }

    private static String body(MimeMessage message) throws Exception {
        return ((String) message.getContent()).replace("\r\n", "\n");
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean mailThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("sightline-mail") && thread.isAlive());
    }

    private List<String> logLines(Level level) {
        return log.lines(level);
    }

    /** Waits for a line at {@code level} containing {@code fragment}, and returns it. */
    private String awaitLog(Level level, String fragment) {
        String[] found = new String[1];
        await(() -> {
            found[0] = logLines(level).stream().filter(line -> line.contains(fragment)).findFirst().orElse(null);
            return found[0] != null;
        }, "a " + level + " log line with '" + fragment + "'");
        return found[0];
    }

    private void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited " + WAIT.toSeconds() + " s for " + what + "; log: " + logLines(Level.INFO));
            }
            try {
                Thread.sleep(20); // polling a condition another thread makes true; nothing to block on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
