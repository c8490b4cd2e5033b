package io.sightline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

import javax.inject.Inject;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.apache.karaf.features.BootFinished;
import org.junit.AfterClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.extra.VMOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.sightline.api.account.AccountStore;
import io.sightline.api.account.Membership;
import io.sightline.api.account.Organization;
import io.sightline.api.account.Role;
import io.sightline.api.account.User;
import io.sightline.api.notify.EmailMessage;
import io.sightline.api.notify.Mailer;

/**
 * Boots the built distribution (one container for the class) and checks it from inside: every
 * bundle active, HTTPS with the headers of P-1, the plain-HTTP redirect, the JSON error model,
 * the OpenAPI description, an encrypted platform database, and email (to the log, then over SMTP).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SightlineDistributionIT extends ContainerTestSupport {

    @Override
    protected Option[] extraOptions() {
        // A real SMTP server for the mail test (GreenMail is an OSGi bundle; it needs Pax Exam's JUnit)
        return new Option[] {mavenBundle("com.icegreen", "greenmail", System.getProperty("greenmail.version"))};
    }

    // ---- tests ----

    @Test
    public void everyBundleIsActive() {
        List<String> notActive = new ArrayList<>();
        List<String> sightline = new ArrayList<>();
        for (Bundle bundle : bundleContext.getBundles()) {
            boolean fragment = bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            if (!fragment && bundle.getState() != Bundle.ACTIVE) {
                notActive.add(bundle.getSymbolicName() + " state " + bundle.getState());
            }
            if (bundle.getSymbolicName().startsWith("io.sightline.")) {
                sightline.add(bundle.getSymbolicName());
            }
        }
        assertEquals("bundles not active", List.of(), notActive);
        for (String expected : List.of("io.sightline.api", "io.sightline.store", "io.sightline.http",
                "io.sightline.rest", "io.sightline.notify", "io.sightline.ui")) {
            assertTrue(expected + " missing from " + sightline, sightline.contains(expected));
        }
    }

    @Test
    public void healthAnswersOverHttpsWithSecurityHeaders() throws Exception {
        HttpResponse<String> response = get(https("/api/health"));
        assertEquals(response.body(), 200, response.statusCode());
        JsonNode health = JSON.readTree(response.body());
        assertEquals("UP", health.get("status").asText());
        List<String> names = new ArrayList<>();
        health.get("checks").forEach(check -> {
            names.add(check.get("name").asText());
            assertEquals(check.toString(), "UP", check.get("status").asText());
        });
        assertTrue(names.toString(), names.containsAll(List.of("store", "bundles", "auth")));

        assertEquals("max-age=31536000; includeSubDomains",
                response.headers().firstValue("Strict-Transport-Security").orElse(null));
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertTrue(response.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));

        assertEquals(200, get(https("/api/health/live")).statusCode());
        assertEquals(200, get(https("/api/health/ready")).statusCode());
    }

    @Test
    public void plainHttpOnlyRedirectsToHttps() throws Exception {
        HttpResponse<String> response = get("http://localhost:" + System.getProperty("it.http.port") + "/api/health?probe=1");
        assertEquals(308, response.statusCode());
        assertEquals(https("/api/health?probe=1"), response.headers().firstValue("Location").orElse(null));
        assertEquals("", response.body());
    }

    @Test
    public void unknownRoutesAnswerJson404() throws Exception {
        JsonNode error = error(get(https("/api/no/such/route")), 404);
        assertEquals("not_found", error.get("code").asText());
        assertTrue(error.get("message").asText().contains("/api/no/such/route"));

        assertEquals("method_not_allowed", error(postJson(https("/api/health"), "{}"), 405).get("code").asText());
    }

    @Test
    public void theUiIsServedAtTheRoot() throws Exception {
        HttpResponse<String> index = get(https("/"));
        assertEquals(200, index.statusCode());
        assertTrue(index.body().contains("<title>Sightline</title>"));
        HttpResponse<String> clientRoute = get(https("/dashboards"));
        assertEquals(200, clientRoute.statusCode());
        assertEquals(index.body(), clientRoute.body());
    }

    @Test
    public void openApiDescribesTheRegisteredRoutes() throws Exception {
        HttpResponse<String> response = get(https("/api/openapi.json"));
        assertEquals(response.body(), 200, response.statusCode());
        JsonNode api = JSON.readTree(response.body());
        assertTrue(api.get("openapi").asText().startsWith("3."));
        assertEquals("/api", api.get("servers").get(0).get("url").asText());
        for (String path : List.of("/health", "/health/live", "/health/ready", "/openapi.json")) {
            assertTrue(path + " missing", api.get("paths").has(path));
        }
    }

    @Test
    public void badJsonAnswers400AndFaultsAnswer500WithoutDetails() throws Exception {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("osgi.jaxrs.resource", true);
        properties.put("osgi.jaxrs.application.select", "(osgi.jaxrs.name=sightline)");
        properties.put("osgi.jaxrs.extension.select", "(osgi.jaxrs.media.type=application/json)");
        ServiceRegistration<EchoResource> registration =
                bundleContext.registerService(EchoResource.class, new EchoResource(), properties);
        try {
            getUntil(https("/api/it-echo/boom"), 500); // the whiteboard publishes it asynchronously
            HttpResponse<String> ok = postJson(https("/api/it-echo"), "{\"name\":\"a\",\"count\":2}");
            assertEquals(ok.body(), 200, ok.statusCode());
            assertEquals(2, JSON.readTree(ok.body()).get("count").asInt());

            JsonNode malformed = error(postJson(https("/api/it-echo"), "{\"name\": "), 400);
            assertEquals("malformed_json", malformed.get("code").asText());
            assertTrue(malformed.get("message").asText().startsWith("Malformed JSON"));

            JsonNode unknownField = error(postJson(https("/api/it-echo"), "{\"name\":\"a\",\"count\":1,\"colour\":1}"), 400);
            assertEquals("unknown_field", unknownField.get("code").asText());
            assertTrue(unknownField.get("message").asText().contains("colour"));

            JsonNode wrongType = error(postJson(https("/api/it-echo"), "{\"name\":\"a\",\"count\":\"many\"}"), 400);
            assertEquals("count", wrongType.get("field").asText());

            JsonNode unauthorized = error(get(https("/api/it-echo/secret")), 401);
            assertEquals("unauthorized", unauthorized.get("code").asText());

            HttpResponse<String> boom = get(https("/api/it-echo/boom"));
            JsonNode fault = error(boom, 500);
            assertEquals("internal_error", fault.get("code").asText());
            assertFalse(boom.body().contains("internal detail"));
            assertTrue(fault.get("message").asText().contains("reference"));
        } finally {
            registration.unregister();
        }
    }

    @Test
    public void platformDatabaseFilesHoldNoReadableTextAndSurviveAStoreRestart() throws Exception {
        String marker = "IT-MARKER-" + UUID.randomUUID();
        Organization org = accounts().createOrganization(marker);

        // Stopping the store module shuts Derby down cleanly: every page and log record is on disk.
        Bundle store = bundle("io.sightline.store");
        store.stop();
        Path db = Path.of(System.getProperty("karaf.data"), "sightline", "db");
        Properties service = new Properties();
        try (InputStream in = Files.newInputStream(db.resolve("service.properties"))) {
            service.load(in);
        }
        assertEquals("true", service.getProperty("dataEncryption"));
        assertEquals("AES/CBC/NoPadding", service.getProperty("encryptionAlgorithm"));
        assertTrue(service.getProperty("encryptionKeyLength").startsWith("256"));
        assertFalse("marker readable in " + db, anyFileContains(db, marker));

        // The scan itself finds text that is there.
        Path control = Files.createTempFile("sightline-it", ".txt");
        Files.writeString(control, "x" + marker + "y");
        assertTrue(anyFileContains(control, marker));
        Files.delete(control);

        Path key = Path.of(System.getProperty("karaf.etc"), "keys", "platform-db.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        String bootPassword = Files.readString(key).trim();
        assertFalse("boot password in the logs", anyFileContains(Path.of(System.getProperty("karaf.data"), "log"), bootPassword));

        // While the store is down, readiness says so; when it is back, so is the data.
        assertEquals(503, get(https("/api/health/ready")).statusCode());
        store.start();
        assertEquals(org, accounts().findOrganization(org.id()).orElseThrow());
        assertEquals(200, getUntil(https("/api/health/ready"), 200).statusCode());
    }

    @Test
    public void membershipsAreIsolatedByOrganizationInTheRunningStore() throws Exception {
        AccountStore accounts = accounts();
        Organization a = accounts.createOrganization("A " + UUID.randomUUID());
        Organization b = accounts.createOrganization("B " + UUID.randomUUID());
        User user = accounts.createUser(UUID.randomUUID() + "@example.com", "Someone");
        Membership inA = accounts.addMember(a.id(), user.id(), Role.OWNER);
        Membership inB = accounts.addMember(b.id(), user.id(), Role.VIEWER);
        assertEquals(List.of(inA), accounts.members(a.id()));
        assertTrue(accounts.findMembership(a.id(), inB.id()).isEmpty());
        assertEquals(inB, accounts.findMembership(b.id(), inB.id()).orElseThrow());
    }

    @Test
    public void emailGoesToTheLogUntilAnSmtpServerIsConfigured() throws Exception {
        Mailer mailer = awaitService(Mailer.class, m -> true);
        assertFalse("mail is not configured by default", mailer.configured());
        String token = UUID.randomUUID().toString();
        mailer.send(new EmailMessage("it@example.com", "IT confirm " + token,
                "Confirm your address: https://localhost/confirm?token=" + token));
        String logged = awaitKarafLog("token=" + token);
        assertTrue(logged, logged.contains("Subject: IT confirm " + token));
        assertTrue(logged, logged.contains("etc/io.sightline.notify.cfg"));

        // Configured at runtime, it sends through a real SMTP server: proves javax.mail finds its
        // implementation and content handlers inside OSGi.
        String password = "it-smtp-secret-" + token;
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("sightline", password));
        greenMail.start();
        org.osgi.service.cm.Configuration configuration = configurationAdmin.getConfiguration("io.sightline.notify", null);
        Dictionary<String, Object> original = configuration.getProperties();
        try {
            Dictionary<String, Object> smtp = new Hashtable<>();
            smtp.put("smtp.host", "localhost");
            smtp.put("smtp.port", greenMail.getSmtp().getPort());
            smtp.put("smtp.security", "none");
            smtp.put("smtp.username", "sightline");
            smtp.put("smtp.password", password);
            configuration.update(smtp);
            Mailer smtpMailer = awaitService(Mailer.class, Mailer::configured);

            smtpMailer.send(new EmailMessage("it@example.com", "IT over SMTP", "Reset: https://localhost/reset?token=" + token));

            assertTrue("no email within 30 s", greenMail.waitForIncomingEmail(30_000, 1));
            assertEquals("IT over SMTP", greenMail.getReceivedMessages()[0].getSubject());
            assertTrue(GreenMailUtil.getBody(greenMail.getReceivedMessages()[0]).contains("/reset?token=" + token));
            ServiceReference<Mailer> reference = bundleContext.getServiceReference(Mailer.class);
            for (String key : reference.getPropertyKeys()) {
                assertFalse("service property " + key, String.valueOf(reference.getProperty(key)).contains("it-smtp-secret"));
            }
            assertFalse("SMTP password in the logs",
                    anyFileContains(Path.of(System.getProperty("karaf.data"), "log"), password));
        } finally {
            if (original == null) {
                configuration.delete();
            } else {
                configuration.update(original);
            }
            greenMail.stop();
        }
        assertFalse(awaitService(Mailer.class, m -> !m.configured()).configured());
    }

}
