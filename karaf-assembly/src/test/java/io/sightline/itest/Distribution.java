package io.sightline.itest;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

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
import java.nio.file.Paths;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One real Sightline server for an integration test class: the built distribution tarball unpacked
 * into a fresh folder under {@code target/}, given free ports, started with {@code bin/start} (a cold
 * first start: no keystore, no {@code data/}) and stopped with {@code bin/stop}. The folder is kept
 * for inspection.
 *
 * <p>HTTPS requests go through a client that trusts exactly the certificate the server generated on
 * first start (read from {@code etc/sightline-tls.p12} with the password {@code bin/setenv} wrote
 * into {@code etc/org.ops4j.pax.web.cfg}), never a trust-all manager.
 */
final class Distribution {

    static final String WEB_CFG = "etc/org.ops4j.pax.web.cfg";
    static final String SHELL_CFG = "etc/org.apache.karaf.shell.cfg";
    static final String TLS_PASSWORD_KEY = "org.ops4j.pax.web.ssl.keystore.password";
    private static final String PASSWORD_PLACEHOLDER = "GENERATED_ON_FIRST_START";

    final Path home;
    final int httpPort;
    final int httpsPort;
    final int sshPort;

    private HttpClient client;
    private Duration coldBoot;
    private long karafPid = -1;

    private Distribution(Path home, int httpPort, int httpsPort, int sshPort) {
        this.home = home;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        this.sshPort = sshPort;
    }

    /** {@code karaf-assembly/target}, the parent of {@code sightline.home}. */
    static Path targetDir() {
        String home = System.getProperty("sightline.home");
        if (home == null || home.isBlank()) {
            fail("System property sightline.home is not set: run this test through Maven failsafe "
                    + "(mvn verify -pl karaf-assembly), which points it at target/assembly");
        }
        Path dir = Paths.get(home).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("bin"))) {
            fail("sightline.home=" + dir + " is not a built distribution (no bin/): run "
                    + "mvn install -pl karaf-assembly -DskipTests first");
        }
        return dir.getParent();
    }

    /** The distribution tarball the build produced next to {@code sightline.home}. */
    static Path tarball() {
        Path target = targetDir();
        String version = System.getProperty("project.version");
        List<Path> candidates = new ArrayList<>();
        if (version != null && !version.isBlank()) {
            candidates.add(target.resolve("sightline-karaf-assembly-" + version + ".tar.gz"));
        }
        String configured = System.getProperty("sightline.distribution");
        if (configured != null && !configured.isBlank()) {
            candidates.add(Paths.get(configured));
        }
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        fail("No distribution tarball found (looked for " + candidates + "): run "
                + "mvn install -pl karaf-assembly -DskipTests first");
        return null;
    }

    /** Unpacks a pristine copy into {@code target/<purpose>/<timestamp>} and gives it free ports. */
    static Distribution unpackFresh(String purpose) throws IOException, InterruptedException {
        Path tarball = tarball();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        Path home = targetDir().resolve(purpose).resolve(stamp);
        Files.createDirectories(home);
        run(home, Duration.ofMinutes(2), Map.of(),
                "tar", "-xzf", tarball.toString(), "-C", home.toString(), "--strip-components=1");
        for (String mustNotExist : List.of("etc/sightline-tls.p12", "etc/keys", "data/cache")) {
            assertTrue("The tarball must not ship " + mustNotExist + " (not a cold start otherwise)",
                    Files.notExists(home.resolve(mustNotExist)));
        }

        int[] ports = freePorts(3);
        Distribution distribution = new Distribution(home, ports[0], ports[1], ports[2]);
        distribution.setProperty(WEB_CFG, "org.osgi.service.http.port", String.valueOf(ports[0]));
        distribution.setProperty(WEB_CFG, "org.osgi.service.http.port.secure", String.valueOf(ports[1]));
        distribution.setProperty(SHELL_CFG, "sshPort", String.valueOf(ports[2]));
        return distribution;
    }

    static int freePort() throws IOException {
        return freePorts(1)[0];
    }

    /** Ports that were free a moment ago; all held open together so that they differ. */
    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    /** Replaces the single {@code key = value} line for {@code key} in an etc file. */
    void setProperty(String file, String key, String value) throws IOException {
        Path path = home.resolve(file);
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        Pattern line = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*=.*$");
        int replaced = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (line.matcher(lines.get(i)).matches()) {
                lines.set(i, key + " = " + value);
                replaced++;
            }
        }
        if (replaced != 1) {
            fail("Expected exactly one '" + key + " = …' line in " + path + ", found " + replaced);
        }
        Files.write(path, lines, StandardCharsets.UTF_8);
    }

    /** The value of {@code key} in an etc file, if it is set. */
    Optional<String> property(String file, String key) throws IOException {
        Pattern line = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*=\\s*(.*?)\\s*$");
        for (String text : Files.readAllLines(home.resolve(file), StandardCharsets.UTF_8)) {
            Matcher m = line.matcher(text);
            if (m.matches()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    /** The generated TLS keystore password (fails if {@code bin/setenv} has not written it). */
    String tlsPassword() throws IOException {
        String password = property(WEB_CFG, TLS_PASSWORD_KEY).orElse("");
        if (password.isEmpty() || password.equals(PASSWORD_PLACEHOLDER)) {
            fail("bin/setenv did not write a TLS password into " + WEB_CFG + " (found '" + password + "')");
        }
        return password;
    }

    String httpsBase() {
        return "https://localhost:" + httpsPort;
    }

    String httpBase() {
        return "http://localhost:" + httpPort;
    }

    /**
     * Runs {@code bin/start} and waits until {@code /api/health} answers 200, at most {@code deadline}.
     * Returns the time from launching {@code bin/start} to the first 200.
     */
    Duration startAndAwaitHealthy(Duration deadline) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        // bin/start runs bin/setenv (keystore, passwords) and then puts Karaf in the background.
        run(home, Duration.ofSeconds(60),
                Map.of("KARAF_REDIRECT", home.resolve("karaf.out").toString()), "bin/start");
        long end = t0 + deadline.toNanos();
        String last = "no answer yet";
        URI health = URI.create(httpsBase() + "/api/health");
        while (System.nanoTime() < end) {
            try {
                HttpResponse<String> response = http().send(
                        HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    coldBoot = Duration.ofNanos(System.nanoTime() - t0);
                    karafPid = readPid();
                    awaitSettledApi(end);
                    return coldBoot;
                }
                last = "HTTP " + response.statusCode() + ": " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        fail("Sightline did not answer 200 on " + health + " within " + deadline.toSeconds() + " s (last: "
                + last + ").\n--- tail of data/log/karaf.log ---\n" + karafLogTail(60)
                + "\n--- tail of karaf.out ---\n" + tail(home.resolve("karaf.out"), 30));
        return null;
    }

    /**
     * Waits until the REST application has stopped changing: ready, and the OpenAPI description
     * (built from the registered resources) the same for 2 s. Modules that start late add their
     * resources, and the JAX-RS whiteboard redeploys the application each time; a request that
     * meets a redeploy gets CXF's "No service was found" 404.
     */
    private void awaitSettledApi(long end) throws IOException, InterruptedException {
        String last = null;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < end) {
            HttpResponse<String> ready = get("/api/health/ready");
            HttpResponse<String> api = get("/api/openapi.json");
            String now = ready.statusCode() == 200 && api.statusCode() == 200 ? api.body() : null;
            if (now == null || !now.equals(last)) {
                last = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince >= TimeUnit.SECONDS.toNanos(2)) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        fail("the REST application did not settle (ready, same OpenAPI description for 2 s) in time");
    }

    Duration coldBoot() {
        return coldBoot;
    }

    /** An HTTPS client trusting only this server's generated certificate; no redirects followed. */
    synchronized HttpClient http() throws IOException {
        if (client == null) {
            Path p12 = home.resolve("etc/sightline-tls.p12");
            if (!Files.isRegularFile(p12)) {
                throw new IOException("no " + p12 + " yet");
            }
            client = HttpClient.newBuilder()
                    .sslContext(trusting(p12, tlsPassword().toCharArray()))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(3))
                    .build();
        }
        return client;
    }

    private static SSLContext trusting(Path p12, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(p12)) {
            KeyStore generated = KeyStore.getInstance("PKCS12");
            generated.load(in, password);
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            for (String alias : Collections.list(generated.aliases())) {
                Certificate cert = generated.getCertificate(alias);
                if (cert != null) {
                    trust.setCertificateEntry(alias, cert);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot load the generated keystore " + p12, e);
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http().send(HttpRequest.newBuilder(URI.create(httpsBase() + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return http().send(HttpRequest.newBuilder(URI.create(httpsBase() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Any method, an optional JSON body, and an optional bearer token. */
    HttpResponse<String> request(String method, String path, String json, String bearer)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(httpsBase() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return http().send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Runs Karaf console commands through {@code bin/client} as the generated {@code admin} user
     * (commands on stdin, one per line); answers the output. Fails unless the client exits 0.
     */
    String console(String... commands) throws IOException, InterruptedException {
        String password = Files.readString(home.resolve("etc/keys/console-admin.password"), StandardCharsets.UTF_8).trim();
        ProcessBuilder builder = new ProcessBuilder("bin/client", "-a", String.valueOf(sshPort), "-h", "127.0.0.1",
                "-u", "admin", "-p", password, "-r", "3", "-b").directory(home.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.redirectErrorStream(true);
        Process process = builder.start();
        try (var stdin = process.getOutputStream()) {
            stdin.write((String.join("\n", commands) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("bin/client did not finish within 120 s: " + output);
        }
        if (process.exitValue() != 0) {
            fail("bin/client exited with " + process.exitValue() + ": " + output);
        }
        return output;
    }

    /** Adds lines to an etc file. */
    void appendEtc(String file, String lines) throws IOException {
        Files.writeString(home.resolve(file), "\n" + lines, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    /** Writes a whole etc file (for configuration the distribution ships commented out). */
    void writeEtc(String file, String content) throws IOException {
        Files.writeString(home.resolve(file), content, StandardCharsets.UTF_8);
    }

    /**
     * The newest setup token the server printed into {@code data/log/karaf.log}, waiting up
     * to 30 s for it: the setup component may start a moment after health answers.
     */
    String setupToken() throws IOException, InterruptedException {
        Pattern link = Pattern.compile("/setup\\?token=([A-Za-z0-9_-]+)");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Path log = home.resolve("data/log/karaf.log");
            String token = null;
            if (Files.isRegularFile(log)) {
                Matcher m = link.matcher(Files.readString(log, StandardCharsets.UTF_8));
                while (m.find()) {
                    token = m.group(1);
                }
            }
            if (token != null) {
                return token;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        fail("No setup link in data/log/karaf.log within 30 s:\n" + karafLogTail(40));
        return null;
    }

    /** Whether {@code GET /api/setup} says the first Owner is still to be created. */
    boolean setupRequired() throws IOException, InterruptedException {
        HttpResponse<String> status = get("/api/setup");
        if (status.statusCode() != 200) {
            fail("GET /api/setup answered " + status.statusCode() + ": " + status.body());
        }
        return ApiClient.JSON.readTree(status.body()).path("required").asBoolean();
    }

    /**
     * Creates the installation's first Owner and organization through {@code POST /api/setup} with
     * the token from the log; answers the session JSON (like sign-in's). Fails unless it answers 200.
     */
    String setUp(String email, String password, String displayName, String organizationName)
            throws IOException, InterruptedException {
        String body = ApiClient.JSON.writeValueAsString(Map.of("token", setupToken(), "email", email,
                "password", password, "displayName", displayName, "organizationName", organizationName));
        HttpResponse<String> response = postJson("/api/setup", body);
        if (response.statusCode() != 200) {
            fail("POST /api/setup answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    String karafLogTail(int lines) {
        return tail(home.resolve("data/log/karaf.log"), lines);
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    /** The Karaf JVM's pid, from {@code karaf.pid} (written by Karaf into its home). */
    private long readPid() {
        try {
            return Long.parseLong(Files.readString(home.resolve("karaf.pid"), StandardCharsets.UTF_8).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Runs {@code bin/stop} and waits for the Karaf JVM to end; if it does not within
     * {@code deadline}, destroys it (only this instance's pid, never other Karaf processes).
     */
    void stop(Duration deadline) throws InterruptedException {
        long pid = karafPid > 0 ? karafPid : readPid();
        Optional<ProcessHandle> karaf = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
        // Only trust the pid file if that process really runs from this home.
        karaf = karaf.filter(p -> p.info().arguments()
                .map(args -> String.join(" ", args).contains(home.toString())).orElse(true));
        if (Files.isRegularFile(home.resolve("data/port"))) {
            try {
                run(home, Duration.ofSeconds(30), Map.of(), "bin/stop");
            } catch (IOException | AssertionError e) {
                System.err.println("bin/stop failed: " + e);
            }
        }
        if (karaf.isPresent()) {
            ProcessHandle process = karaf.get();
            try {
                process.onExit().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception timeout) {
                System.err.println("Karaf (pid " + pid + ") did not stop within " + deadline.toSeconds()
                        + " s; destroying it");
                process.destroy();
                try {
                    process.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception stillAlive) {
                    process.destroyForcibly();
                }
            }
        }
    }

    /** Runs a command in {@code dir} with this JVM as JAVA_HOME; fails unless it exits 0 in time. */
    private static void run(Path dir, Duration deadline, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        // To a file, not a pipe: bin/start's background Karaf would otherwise hold the pipe open.
        File output = dir.resolve("." + new File(command[0]).getName() + ".out").toFile();
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(output));
        Process process = builder.start();
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within " + deadline.toSeconds() + " s");
        }
        if (process.exitValue() != 0) {
            fail(String.join(" ", command) + " exited with " + process.exitValue() + ": "
                    + tail(output.toPath(), 20));
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Sightline at %s (http %d, https %d, ssh %d)",
                home, httpPort, httpsPort, sshPort);
    }
}
