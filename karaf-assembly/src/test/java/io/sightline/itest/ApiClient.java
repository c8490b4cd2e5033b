package io.sightline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.mail.Message;
import javax.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The REST API of a running distribution as the tests use it: JSON calls with a bearer token, the
 * error model, and accounts signed up and confirmed through emails that a GreenMail SMTP server in
 * this JVM receives.
 */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PASSWORD = "violet-tractor-harbour-93";
    private static final Pattern LINK = Pattern.compile("https://\\S+?/([a-z-]+)\\?token=([A-Za-z0-9_-]+)");

    final Distribution server;
    final GreenMail mail;

    private ApiClient(Distribution server, GreenMail mail) {
        this.server = server;
        this.mail = mail;
    }

    /** Settings a test adds to the distribution's etc/ before it starts. */
    interface Setup {
        void apply(Distribution server, int smtpPort) throws Exception;
    }

    /** Unpacks a fresh distribution whose mail goes to a new GreenMail server, and starts both. */
    static ApiClient start(String purpose) throws Exception {
        return start(purpose, (server, smtpPort) -> {});
    }

    /** The same, with {@code setup} applied to etc/ after the defaults, before the start. */
    static ApiClient start(String purpose, Setup setup) throws Exception {
        int smtpPort = Distribution.freePort();
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        Distribution server = Distribution.unpackFresh(purpose);
        server.writeEtc("etc/io.sightline.notify.cfg", "smtp.host = 127.0.0.1\nsmtp.port = " + smtpPort
                + "\nsmtp.security = none\nfrom.address = sightline@example.com\n");
        server.writeEtc("etc/io.sightline.auth.cfg", "public.url = " + server.httpsBase() + "\n");
        setup.apply(server, smtpPort);
        server.startAndAwaitHealthy(Duration.ofSeconds(90));
        return new ApiClient(server, mail);
    }

    void stop() throws Exception {
        server.stop(Duration.ofSeconds(60));
        mail.stop();
    }

    HttpResponse<String> call(String method, String path, Object body, String token) throws Exception {
        return server.request(method, "/api" + path, body == null ? null : JSON.writeValueAsString(body), token);
    }

    static JsonNode ok(HttpResponse<String> response, int status) throws Exception {
        assertEquals(response.body(), status, response.statusCode());
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    static JsonNode error(HttpResponse<String> response, int status, String field) throws Exception {
        JsonNode error = ok(response, status).get("error");
        assertNotNull(response.body(), error);
        if (field != null) {
            assertEquals(response.body(), field, error.get("field").asText());
        }
        assertFalse(response.body(), response.body().contains("Exception"));
        return error;
    }

    /** Waits for the next email to {@code address} and returns the token of its link to {@code page}. */
    String linkToken(String address, String page) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage message : mail.getReceivedMessages()) {
                if (message.getRecipients(Message.RecipientType.TO)[0].toString().equalsIgnoreCase(address)) {
                    Matcher link = LINK.matcher(GreenMailUtil.getBody(message).replace("=\r\n", ""));
                    if (link.find() && link.group(1).equals(page)) {
                        mail.purgeEmailFromAllMailboxes();
                        return link.group(2);
                    }
                }
            }
            mail.waitForIncomingEmail(1000, mail.getReceivedMessages().length + 1);
        }
        throw new AssertionError("no email to " + address + " with a /" + page + " link within 30 s");
    }

    static String newEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /**
     * A new Owner with a session. On a fresh installation the first one is created through the
     * one-time setup with the token from the log, so it owns the installation's organization
     * (and the demo content); later ones sign up and confirm by email.
     */
    JsonNode owner(String who) throws Exception {
        String email = newEmail(who);
        if (server.setupRequired()) {
            return JSON.readTree(server.setUp(email, PASSWORD, who, who + "'s team"));
        }
        ok(call("POST", "/auth/signup", Map.of("email", email, "password", PASSWORD, "displayName", who,
                "organizationName", who + "'s team"), null), 202);
        ok(call("POST", "/auth/confirm", Map.of("token", linkToken(email, "confirm")), null), 200);
        return login(email, PASSWORD);
    }

    JsonNode login(String email, String password) throws Exception {
        return ok(call("POST", "/auth/login", Map.of("email", email, "password", password), null), 200);
    }

    static String token(JsonNode session) {
        return session.get("accessToken").asText();
    }

    static String org(JsonNode session) {
        return session.get("organization").get("id").asText();
    }
}
