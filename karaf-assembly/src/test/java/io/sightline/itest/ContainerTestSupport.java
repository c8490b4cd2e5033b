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
import org.junit.Before;
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
 * What every Pax Exam test class shares: the built distribution booted once per class (free ports,
 * a test certificate, the JVM flags bin/karaf would pass on Java 17), an HTTPS client trusting that
 * certificate, and waits for services, bundles and log lines.
 */
public abstract class ContainerTestSupport {
    static final String KEYSTORE_PASSWORD = "integration-test-only";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    BootFinished bootFinished;

    @Inject
    BundleContext bundleContext;

    @Inject
    ConfigurationAdmin configurationAdmin;

    private static HttpClient client;
    private static boolean settled;

    /**
     * Boot is finished when the features are, but the JAX-RS whiteboard keeps redeploying the REST
     * application as each module's resources arrive: wait until the server is ready and the JAX-RS
     * runtime has stopped changing, so no test meets a half-deployed API.
     */
    @Before
    public void awaitSettledApi() throws Exception {
        if (settled) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Object lastChange = null;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            ServiceReference<?> runtime = bundleContext.getServiceReference("org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime");
            Object change = runtime == null ? null : runtime.getProperty(Constants.SERVICE_CHANGECOUNT);
            if (change == null || !change.equals(lastChange) || get(https("/api/health/ready")).statusCode() != 200) {
                lastChange = change;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > Duration.ofMillis(1500).toNanos()) {
                settled = true;
                return;
            }
            Thread.sleep(100); // polling two conditions that offer nothing to wait on
        }
        throw new AssertionError("the REST API did not settle within 60 s");
    }

    /** Options a test class adds to the common ones (e.g. bundles it needs in the container). */
    protected Option[] extraOptions() {
        return new Option[0];
    }

    @Configuration
    public Option[] config() throws Exception {
        String karafVersion = System.getProperty("karaf.version", "4.4.10");
        int http = freePort();
        int https = freePort();
        Option[] common = {
            karafDistributionConfiguration()
                    .frameworkUrl(new File(System.getProperty("sightline.distribution")).toURI().toURL().toString())
                    .karafVersion(karafVersion)
                    .name("Sightline")
                    .unpackDirectory(new File("target/exam"))
                    .useDeployFolder(false),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.INFO),
            // bin/setenv, which makes the certificate on a real first start, does not run under
            // Pax Exam: hand the container a certificate made the same way.
            replaceConfigurationFile("etc/sightline-tls.p12", selfSignedKeystore()),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.ops4j.pax.web.ssl.keystore.password", KEYSTORE_PASSWORD),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.ops4j.pax.web.ssl.key.password", KEYSTORE_PASSWORD),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", String.valueOf(http)),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port.secure", String.valueOf(https)),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(freePort())),
            systemProperty("it.http.port").value(String.valueOf(http)),
            systemProperty("it.https.port").value(String.valueOf(https)),
            // What bin/karaf passes on Java 17 (Pax Exam does not read bin/karaf)
            new VMOption("--add-reads=java.xml=java.logging"),
            new VMOption("--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED"),
            new VMOption("--patch-module"),
            new VMOption("java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar"),
            new VMOption("--patch-module"),
            new VMOption("java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar"),
            new VMOption("--add-opens"), new VMOption("java.base/java.security=ALL-UNNAMED"),
            new VMOption("--add-opens"), new VMOption("java.base/java.net=ALL-UNNAMED"),
            new VMOption("--add-opens"), new VMOption("java.base/java.lang=ALL-UNNAMED"),
            new VMOption("--add-opens"), new VMOption("java.base/java.util=ALL-UNNAMED"),
            new VMOption("--add-opens"), new VMOption("java.naming/javax.naming.spi=ALL-UNNAMED"),
            new VMOption("--add-opens"), new VMOption("java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED"),
            new VMOption("--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED"),
            new VMOption("--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED"),
            new VMOption("--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED"),
            new VMOption("--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED"),
            new VMOption("--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED"),
            new VMOption("--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED"),
            new VMOption("--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED"),
            new VMOption("--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED"),
            new VMOption("-Djdk.util.zip.disableZip64ExtraFieldValidation=true"),
            new VMOption("-classpath"),
            new VMOption("lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*"),
        };
        return Stream.concat(Stream.of(common), Stream.of(extraOptions())).toArray(Option[]::new);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static File selfSignedKeystore() throws Exception {
        File file = new File("target/it-tls.p12");
        Files.deleteIfExists(file.toPath());
        Process keytool = new ProcessBuilder(
                        System.getProperty("java.home") + "/bin/keytool", "-genkeypair", "-alias", "sightline",
                        "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost",
                        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                        "-keystore", file.getPath(), "-storepass", KEYSTORE_PASSWORD, "-keypass", KEYSTORE_PASSWORD,
                        "-noprompt")
                .inheritIO()
                .start();
        assertEquals("keytool exit code", 0, keytool.waitFor());
        return file;
    }

    // ---- helpers running inside the container ----

    static synchronized HttpClient client() throws Exception {
        if (client == null) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(Path.of(System.getProperty("karaf.etc"), "sightline-tls.p12"))) {
                trusted.load(in, KEYSTORE_PASSWORD.toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            client = HttpClient.newBuilder()
                    .sslContext(tls)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
        }
        return client;
    }

    @AfterClass
    public static void dropClient() {
        client = null;
        settled = false;
    }

    static String https(String path) {
        return "https://localhost:" + System.getProperty("it.https.port") + path;
    }

    static HttpResponse<String> get(String url) throws Exception {
        return client().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GETs {@code url} until it answers {@code status}, for at most 30 s. */
    static HttpResponse<String> getUntil(String url, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> response = get(url);
        while (response.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(100); // polling an HTTP condition; nothing to wait on directly
            response = get(url);
        }
        return response;
    }

    static HttpResponse<String> postJson(String url, String body) throws Exception {
        return client().send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The error object of a JSON error answer, after checking it is one and has no stack trace. */
    static JsonNode error(HttpResponse<String> response, int status) throws IOException {
        assertEquals(response.body(), status, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertFalse("stack trace leaked: " + response.body(), response.body().contains("\tat ")
                || response.body().contains("Exception") || response.body().contains("io.sightline."));
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertNotNull(response.body(), error);
        assertTrue(error.has("code") && error.has("message") && error.has("field"));
        return error;
    }

    /** The service of {@code type} once one matches {@code condition}, waiting up to 60 s (components restart on reconfiguration). */
    <T> T awaitService(Class<T> type, Predicate<T> condition) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(bundleContext, type, null);
        tracker.open();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                T service = tracker.waitForService(1000);
                if (service != null && condition.test(service)) {
                    return service;
                }
                Thread.sleep(100); // the old component may still be registered; poll until the new one is
            }
            throw new AssertionError("no matching " + type.getSimpleName() + " within 60 s");
        } finally {
            tracker.close();
        }
    }

    /** The text of data/log/karaf.log once it contains {@code text}, waiting up to 30 s. */
    static String awaitKarafLog(String text) throws Exception {
        Path log = Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String content = "";
        while (System.nanoTime() < deadline) {
            content = Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
            if (content.contains(text)) {
                return content;
            }
            Thread.sleep(100); // the log file is written by another thread
        }
        throw new AssertionError("'" + text + "' not in " + log);
    }

    /** The current AccountStore, waiting for it while the store module (re)starts. */
    AccountStore accounts() throws InterruptedException {
        ServiceTracker<AccountStore, AccountStore> tracker = new ServiceTracker<>(bundleContext, AccountStore.class, null);
        tracker.open();
        try {
            AccountStore store = tracker.waitForService(Duration.ofSeconds(60).toMillis());
            assertNotNull("no AccountStore within 60 s", store);
            return store;
        } finally {
            tracker.close();
        }
    }

    Bundle bundle(String symbolicName) {
        for (Bundle bundle : bundleContext.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError(symbolicName + " not installed");
    }

    /** Whether any file under {@code root} holds {@code text} (ASCII) as plain bytes. */
    static boolean anyFileContains(Path root, String text) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                // ISO-8859-1 maps every byte to one char, so this is a byte search.
                if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }
}
