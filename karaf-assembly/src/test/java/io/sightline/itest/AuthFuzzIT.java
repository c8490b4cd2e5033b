package io.sightline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * A short fuzz campaign over the JSON bodies of the public auth endpoints (docs/api-auth.md), run
 * by jqwik against the real distribution (cold-started from the tarball, emails to GreenMail):
 * objects with the expected field names holding values of any JSON type (unicode, control
 * characters, quotes, SQL fragments, {@code %}/{@code _}, strings up to 10 kB, huge numbers,
 * nested arrays and objects), unknown extra fields, truncated and otherwise malformed JSON text,
 * invalid UTF-8, other encodings, deep nesting, wrong content types and empty bodies, plus some
 * well-formed bodies that reach the password hashing and the store.
 *
 * <p>Every answer must be below 500, every 4xx must be the JSON error model
 * {@code {"error":{"code","message","field"}}}, and no answer may carry a stack trace or Java
 * class names (unless the request itself contained that text and the answer quotes it). After the
 * campaign the store must still work (sign-up, confirmation by email, sign-in), SQL-looking text
 * must come back verbatim, and the server's {@code data/log/karaf.log*} must have no
 * {@code Unhandled error} line (ErrorMapper logs every 500 with it). The last line printed is
 * {@code FUZZ: N requests, M server errors …}.
 *
 * <p>The default campaign (the {@code tries} below, 3,200 requests) takes about 45 s after the boot.
 * A longer one: {@code -Dfuzz.tries=N} sets the tries of every property to N. jqwik accepts only
 * constants in {@code @Property(tries = …)}, and its own {@code -Djqwik.tries.default=N} applies
 * only to properties that name no {@code tries}; so the {@link Tries} hook below overrides the
 * annotations' value from the system property (failsafe hands command-line {@code -D} properties
 * to the test JVM). {@code -Dfuzz.collect=true} records every distinct finding (printed as
 * {@code FUZZ FINDING: …}) and fails at the end, instead of failing a property at its first
 * finding and shrinking it:
 *
 * <pre>
 * mvn -B verify -pl karaf-assembly -Dit.test=AuthFuzzIT -Dfuzz.tries=100000 -Dfuzz.collect=true
 * </pre>
 *
 * Malformed bodies cost about 3 ms each; a well-formed sign-up or sign-in costs an argon2 hash, about
 * 0.1 s, so 100,000 tries take roughly 2 h, most of it in {@code wellFormedBodiesReachTheStore}.
 * A falsified property is printed shrunk, with its seed; jqwik's failure database
 * ({@code target/jqwik-database}, set in src/test/resources/junit-platform.properties) makes the next
 * run try that sample first.
 */
@AddLifecycleHook(value = AuthFuzzIT.Tries.class, propagateTo = PropagationMode.ALL_DESCENDANTS)
public class AuthFuzzIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern LINK = Pattern.compile("https://\\S+?/([a-z-]+)\\?token=([A-Za-z0-9_-]+)");
    private static final String PASSWORD = "quartz-meadow-lantern-62";

    /** Text an answer must not carry: stack traces and Java class names. */
    private static final List<String> LEAKS = List.of("Exception", "\tat ", "\\tat ", "io.sightline.", "java.lang.",
            "java.util.", "javax.", "com.fasterxml.", "org.apache.", "org.eclipse.");

    private static GreenMail mail;
    private static Distribution server;
    private static long campaignStart;
    private static boolean started;
    private static final AtomicLong requests = new AtomicLong();
    private static final AtomicLong serverErrors = new AtomicLong();
    private static final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    /** {@code -Dfuzz.collect=true}: record every distinct finding and fail at the end, instead of at the first. */
    private static final boolean COLLECT = Boolean.getBoolean("fuzz.collect");
    private static final Map<String, String> findings = new ConcurrentHashMap<>();

    /** The public endpoints under {@code /api/auth/} and the fields of their bodies. */
    enum Endpoint {
        SIGNUP("signup", "email", "password", "displayName", "organizationName"),
        LOGIN("login", "email", "password"),
        REFRESH("refresh", "refreshToken"),
        CONFIRM("confirm", "token"),
        PASSWORD_RESET("password-reset", "email"),
        PASSWORD_RESET_CONFIRM("password-reset/confirm", "token", "password"),
        UNLOCK("unlock", "token"),
        INVITATION("invitation", "token", "displayName", "password");

        final String path;
        final List<String> fields;

        Endpoint(String path, String... fields) {
            this.path = "/api/auth/" + path;
            this.fields = List.of(fields);
        }
    }

    /** One request: what jqwik prints for a falsified sample. */
    record Call(Endpoint endpoint, String contentType, String accept, byte[] body, String kind) {
        String text() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }

        /** The body read in each encoding the server might have read it in. */
        List<String> texts() {
            List<String> texts = new ArrayList<>();
            for (Charset charset : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16, StandardCharsets.UTF_16LE,
                    StandardCharsets.UTF_16BE, Charset.forName("UTF-32"), Charset.forName("UTF-32LE"), StandardCharsets.ISO_8859_1)) {
                texts.add(body == null ? "" : new String(body, charset));
            }
            return texts;
        }

        /** Whether the request itself contains {@code text}, as text or as a JSON field name. */
        boolean sent(String text) {
            for (String decoded : texts()) {
                if (decoded.contains(text)) {
                    return true;
                }
                try {
                    if (names(JSON.readTree(decoded)).contains(text)) {
                        return true;
                    }
                } catch (IOException | RuntimeException notJson) {
                    // only the text counts then
                }
            }
            return false;
        }

        private static List<String> names(JsonNode node) {
            List<String> names = new ArrayList<>();
            if (node != null && node.isContainerNode()) {
                node.fieldNames().forEachRemaining(names::add);
                node.forEach(child -> names.addAll(names(child)));
            }
            return names;
        }

        @Override
        public String toString() {
            String text = text();
            String shown = text.length() > 400 ? text.substring(0, 400) + "… (" + text.length() + " chars)" : text;
            return kind + ": POST " + endpoint.path + " Content-Type=" + contentType + " Accept=" + accept
                    + " body=" + JSON.getNodeFactory().textNode(shown);
        }
    }

    // ---- lifecycle ----

    @BeforeContainer
    static void start() throws Exception {
        int smtpPort = Distribution.freePort();
        mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        server = Distribution.unpackFresh("auth-fuzz-it");
        server.writeEtc("etc/io.sightline.notify.cfg", "smtp.host = 127.0.0.1\nsmtp.port = " + smtpPort
                + "\nsmtp.security = none\nfrom.address = sightline@example.com\n");
        server.writeEtc("etc/io.sightline.auth.cfg", "public.url = " + server.httpsBase() + "\n"
                + "ip.failures.per.window = 1000000\nlockout.threshold = 1000000\n");
        server.startAndAwaitHealthy(Duration.ofSeconds(90));
        // The first Owner comes from the one-time setup (A-10); sign-up works after it.
        server.setUp("root-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", PASSWORD, "Root", "Root's team");
        campaignStart = System.nanoTime();
        started = true;
    }

    /**
     * After every property: the store still works, the log has no unhandled error, and the figures
     * are printed. A failure here fails the class.
     */
    @AfterContainer
    static void checkAndStop() throws Exception {
        try {
            if (!started) {
                return; // @BeforeContainer failed and says why
            }
            // The store still works after the campaign.
            String email = "after-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            JsonNode session = signUpConfirmAndSignIn(email, "After", "After the campaign");
            assertEquals(email, ok(call("GET", "/api/me", null, token(session)), 200).at("/user/email").asText());

            List<String> unhandled = new ArrayList<>();
            try (Stream<Path> logs = Files.list(server.home.resolve("data/log"))) {
                for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("karaf.log")).sorted().toList()) {
                    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                        if (line.contains("Unhandled error")) {
                            unhandled.add(log.getFileName() + ": " + line);
                        }
                    }
                }
            }
            double seconds = (System.nanoTime() - campaignStart) / 1e9;
            findings.values().forEach(f -> System.out.println("FUZZ FINDING: " + f));
            System.out.println("FUZZ statuses: " + new TreeMap<>(statuses));
            System.out.println(String.format(Locale.ROOT, "FUZZ: %d requests, %d server errors, %d unhandled errors in "
                    + "karaf.log, %d distinct findings, %.1f s", requests.get(), serverErrors.get(), unhandled.size(),
                    findings.size(), seconds));
            if (!unhandled.isEmpty()) {
                fail("data/log/karaf.log has " + unhandled.size() + " 'Unhandled error' line(s):\n"
                        + String.join("\n", unhandled));
            }
            assertEquals("server errors during the campaign", 0, serverErrors.get());
            assertTrue(findings.size() + " distinct finding(s), printed above as FUZZ FINDING", findings.isEmpty());
        } finally {
            if (server != null) {
                server.stop(Duration.ofSeconds(60));
                System.out.println("AuthFuzzIT: kept " + server.home + " for inspection");
            }
            if (mail != null) {
                mail.stop();
            }
        }
    }

    /** {@code -Dfuzz.tries=N} sets the tries of every property of this class. */
    public static class Tries implements AroundPropertyHook {
        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            String tries = System.getProperty("fuzz.tries", "").trim();
            if (!tries.isEmpty() && !context.targetMethod().isAnnotationPresent(Example.class)) {
                context.attributes().setTries(Integer.parseInt(tries));
            }
            return property.execute();
        }

        @Override
        public int aroundPropertyProximity() {
            return -100; // outermost, before the property starts generating
        }
    }

    // ---- properties ----

    @Property(tries = 1500)
    void objectsWithTheExpectedFieldsHoldAnyJson(@ForAll("typedObjects") Call call) throws Exception {
        exchange(call);
    }

    @Property(tries = 1000)
    void malformedJsonText(@ForAll("malformedBodies") Call call) throws Exception {
        exchange(call);
    }

    @Property(tries = 500)
    void wrongContentTypesAndEmptyBodies(@ForAll("wrongContentTypes") Call call) throws Exception {
        exchange(call);
    }

    @Property(tries = 200)
    void wellFormedBodiesReachTheStore(@ForAll("wellFormed") Call call) throws Exception {
        exchange(call);
    }

    /**
     * No SQL reaches the store unbound: text that would break a spliced statement is stored and
     * answered verbatim. (Emails are stored lower-cased, so this one is lower-case; its local part
     * is quoted, since the mailer accepts only RFC 5322 addresses and the server no spaces.)
     */
    @Example
    void sqlLookingTextIsStoredVerbatim() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        // The widest SQL-looking address the email rule accepts: quotes and comment dashes.
        String email = "x'or'1'='1--" + suffix + "@example.com";
        String name = "Robert'); DROP TABLE users;-- %_ \" \\ ' OR 1=1 --";
        String organization = "Robert'); DROP TABLE organizations;-- " + suffix;
        JsonNode session = signUpConfirmAndSignIn(email, name, organization);

        JsonNode me = ok(call("GET", "/api/me", null, token(session)), 200);
        assertEquals(email, me.at("/user/email").asText());
        assertEquals(name, me.at("/user/displayName").asText());
        assertEquals(organization, me.at("/organization/name").asText());
        JsonNode orgs = ok(call("GET", "/api/orgs", null, token(session)), 200);
        assertEquals(orgs.toString(), 1, orgs.size());
        assertEquals(organization, orgs.get(0).get("name").asText());
        // The tables are all still there: another account works as before.
        String other = "plain-" + suffix + "@example.com";
        JsonNode second = signUpConfirmAndSignIn(other, "Plain", "Plain org " + suffix);
        assertEquals(other, ok(call("GET", "/api/me", null, token(second)), 200).at("/user/email").asText());
    }

    // ---- generators ----

    @Provide
    Arbitrary<Call> typedObjects() {
        return Arbitraries.of(Endpoint.class).flatMap(e -> Combinators.combine(
                objectFor(e, anyJson(3)), Arbitraries.integers().between(0, 9))
                .as((node, escape) -> call(e, "application/json", null, utf8(serialize(node, escape == 0)),
                        "typed object")));
    }

    @Provide
    Arbitrary<Call> malformedBodies() {
        return Arbitraries.of(Endpoint.class).flatMap(e -> {
            Arbitrary<String> valid = objectFor(e, anyJson(2)).map(n -> serialize(n, false));
            Arbitrary<byte[]> truncated = Combinators.combine(valid, Arbitraries.doubles().between(0, 1))
                    .as((t, f) -> t.substring(0, (int) (t.length() * f))).map(AuthFuzzIT::utf8);
            Arbitrary<byte[]> corrupted = Combinators.combine(valid, Arbitraries.doubles().between(0, 1),
                    Arbitraries.of("\"", "{", "}", "[", "]", ",", ":", "\\", "\u0000", "\n", "'", "/*", "//", "NaN",
                            "undefined", "\ufeff", "\\u", "\\ud800", "1e99999", "-", "tru", "nul", "\"\"\""),
                    Arbitraries.of(true, false))
                    .as((t, f, junk, replace) -> {
                        int at = (int) (t.length() * f);
                        return t.substring(0, at) + junk + t.substring(Math.min(t.length(), at + (replace ? 1 : 0)));
                    }).map(AuthFuzzIT::utf8);
            Arbitrary<byte[]> garbage = Arbitraries.strings().all().ofMaxLength(300).map(AuthFuzzIT::utf8);
            Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
            Arbitrary<byte[]> deep = Combinators.combine(Arbitraries.integers().between(1, 5000),
                    Arbitraries.of("[", "{\"a\":", "[{\"b\":"), Arbitraries.of(true, false),
                    Arbitraries.of(e.fields))
                    .as((n, open, closed, field) -> {
                        String close = open.equals("[") ? "]" : open.equals("{\"a\":") ? "}" : "}]";
                        String nested = open.repeat(n) + "1" + (closed ? close.repeat(n) : "");
                        return "{\"" + field + "\":" + nested + "}";
                    }).map(AuthFuzzIT::utf8);
            Arbitrary<byte[]> hugeNumber = Combinators.combine(Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(5000),
                    Arbitraries.of("", ".5", "e99999999", "E-99999999", ".0e1"), Arbitraries.of(e.fields))
                    .as((digits, tail, field) -> "{\"" + field + "\":" + digits + tail + "}").map(AuthFuzzIT::utf8);
            Arbitrary<byte[]> oddities = Arbitraries.of(oddities(e)).map(AuthFuzzIT::utf8);
            Arbitrary<byte[]> notAnObject = anyJson(3).filter(n -> !n.isObject()).map(n -> utf8(serialize(n, false)));
            Arbitrary<byte[]> otherEncodings = Combinators.combine(valid,
                    Arbitraries.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
                            Charset.forName("UTF-32"), StandardCharsets.ISO_8859_1))
                    .as((t, cs) -> t.getBytes(cs));
            Arbitrary<byte[]> withBom = valid.map(t -> utf8("\ufeff" + t));
            Arbitrary<byte[]> body = Arbitraries.frequencyOf(
                    Tuple.of(15, truncated), Tuple.of(15, corrupted), Tuple.of(8, garbage), Tuple.of(8, bytes),
                    Tuple.of(6, deep), Tuple.of(6, hugeNumber), Tuple.of(10, oddities), Tuple.of(10, notAnObject),
                    Tuple.of(5, otherEncodings), Tuple.of(3, withBom));
            return Combinators.combine(body, Arbitraries.of("application/json", "application/json; charset=utf-8"))
                    .as((b, type) -> call(e, type, null, b, "malformed"));
        });
    }

    @Provide
    Arbitrary<Call> wrongContentTypes() {
        Arbitrary<String> types = Arbitraries.of("none", "text/plain", "text/html", "application/xml", "text/xml",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream",
                "application/json-patch+json", "application/jsonx", "APPLICATION/JSON", "application/*", "*/*",
                "application/json; charset=utf-16", "application/json; charset=ebcdic-42", "application/json; charset=",
                "application/json;;;", "json", "", "application/json, text/plain", "application/vnd.api+json",
                "application/json; boundary=\"\u00e9\"");
        Arbitrary<String> accepts = Arbitraries.of("none", "application/json", "*/*", "text/html", "application/xml",
                "text/plain", "application/json;q=0", "image/png, */*;q=0.1", "garbage///");
        return Arbitraries.of(Endpoint.class).flatMap(e -> {
            Arbitrary<String> bodies = Arbitraries.oneOf(
                    Arbitraries.of("", " ", "\r\n", "null", "{}", "[]"),
                    objectFor(e, anyJson(1)).map(n -> serialize(n, false)),
                    Arbitraries.just(e.fields.stream().map(f -> f + "=x%27%20OR%201%3D1").collect(Collectors.joining("&"))),
                    Arbitraries.just("<" + e.name() + ">" + e.fields.stream().map(f -> "<" + f + ">x</" + f + ">")
                            .collect(Collectors.joining()) + "</" + e.name() + ">"),
                    Arbitraries.just("--x\r\nContent-Disposition: form-data; name=\"" + e.fields.get(0)
                            + "\"\r\n\r\nvalue\r\n--x--\r\n"));
            return Combinators.combine(types, accepts, bodies, Arbitraries.of(true, false))
                    .as((type, accept, body, empty) -> call(e, type.equals("none") ? null : type,
                            accept.equals("none") ? null : accept, empty ? null : utf8(body), "content type"));
        });
    }

    @Provide
    Arbitrary<Call> wellFormed() {
        return Arbitraries.of(Endpoint.class).flatMap(e -> {
            List<Arbitrary<Map.Entry<String, String>>> fields = new ArrayList<>();
            for (String field : e.fields) {
                fields.add(plausible(field).map(v -> Map.entry(field, v)));
            }
            return Combinators.combine(fields).as(entries -> {
                ObjectNode node = NODES.objectNode();
                entries.forEach(en -> node.put(en.getKey(), en.getValue()));
                return call(e, "application/json", "application/json", utf8(serialize(node, false)), "well-formed");
            });
        });
    }

    /** A value that passes or nearly passes the server's checks for {@code field}. */
    private static Arbitrary<String> plausible(String field) {
        Arbitrary<String> local = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.strings().alpha().numeric().withChars(".-+_").ofMinLength(1).ofMaxLength(20)),
                Tuple.of(3, Arbitraries.of("o'brien", "x'or'1'='1", "a%b", "_", "%", "robert'--", "\u00e9l\u00e8ve",
                        "\u7528\u6237", "a\"b", "\"quoted local\"", "x');drop/**/table/**/users;--",
                        "\"x');drop/**/table/**/users;--\"")),
                Tuple.of(1, Arbitraries.strings().all().excludeChars('@', ' ').ofMinLength(1).ofMaxLength(30)));
        switch (field) {
            case "email":
                return Combinators.combine(local, Arbitraries.of("example.com", "example.org", "localhost", "\u00e9xample.com",
                        "[127.0.0.1]", "x.y.z.example.com")).as((l, d) -> l + "@" + d);
            case "password":
                return Arbitraries.oneOf(
                        Arbitraries.strings().alpha().numeric().withChars("-_ '%;").ofMinLength(8).ofMaxLength(40),
                        Arbitraries.strings().all().ofMinLength(8).ofMaxLength(128),
                        Arbitraries.of("password", "12345678", "' OR 1=1 --", PASSWORD, "x".repeat(129)));
            case "displayName":
            case "organizationName":
                return Arbitraries.oneOf(sqlAndFriends(), Arbitraries.strings().all().ofMinLength(1).ofMaxLength(200),
                        Arbitraries.strings().alpha().ofMinLength(199).ofMaxLength(202));
            default: // tokens
                return Arbitraries.oneOf(Arbitraries.strings().alpha().numeric().withChars("-_").ofLength(43),
                        sqlAndFriends(), Arbitraries.strings().alpha().ofMinLength(199).ofMaxLength(202));
        }
    }

    /** An object with a random subset of the endpoint's fields (any JSON value each), sometimes more. */
    private static Arbitrary<JsonNode> objectFor(Endpoint e, Arbitrary<JsonNode> values) {
        List<Arbitrary<Map.Entry<String, JsonNode>>> fields = new ArrayList<>();
        for (String field : e.fields) {
            fields.add(Combinators.combine(values, Arbitraries.integers().between(0, 5))
                    .as((v, absent) -> absent == 0 ? null : Map.entry(field, v)));
        }
        Arbitrary<List<Map.Entry<String, JsonNode>>> extras = Combinators.combine(extraFieldNames(), values)
                .as(Map::entry).list().ofMaxSize(3);
        return Combinators.combine(Combinators.combine(fields).as(list -> list),
                        Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(List.<Map.Entry<String, JsonNode>>of())),
                                Tuple.of(1, extras)))
                .as((known, extra) -> {
                    ObjectNode node = NODES.objectNode();
                    for (Map.Entry<String, JsonNode> en : known) {
                        if (en != null) {
                            node.set(en.getKey(), en.getValue());
                        }
                    }
                    extra.forEach(en -> node.set(en.getKey(), en.getValue()));
                    return node;
                });
    }

    private static Arbitrary<String> extraFieldNames() {
        return Arbitraries.oneOf(Arbitraries.strings().alpha().ofMaxLength(12),
                Arbitraries.of("", "__proto__", "constructor", "@class", "@type", "$ref", "EMAIL", "email ", "e\u0000mail",
                        "password\u200b", "role", "id", "emailConfirmed", "organizationId", "\u00e9", "'; --"));
    }

    /** Any JSON value, nested at most {@code depth} levels. */
    private static Arbitrary<JsonNode> anyJson(int depth) {
        List<Tuple.Tuple2<Integer, Arbitrary<JsonNode>>> choices = new ArrayList<>(List.of(
                Tuple.of(30, strings().map(s -> (JsonNode) NODES.textNode(s))),
                Tuple.of(8, numbers()),
                Tuple.of(3, Arbitraries.of(true, false).map(b -> (JsonNode) NODES.booleanNode(b))),
                Tuple.of(3, Arbitraries.just((JsonNode) NODES.nullNode()))));
        if (depth > 0) {
            Arbitrary<JsonNode> inner = Arbitraries.lazy(() -> anyJson(depth - 1));
            choices.add(Tuple.of(3, inner.list().ofMaxSize(4).map(list -> {
                ArrayNode array = NODES.arrayNode();
                list.forEach(array::add);
                return array;
            })));
            choices.add(Tuple.of(3, Arbitraries.maps(extraFieldNames(), inner).ofMaxSize(4).map(map -> {
                ObjectNode object = NODES.objectNode();
                map.forEach(object::set);
                return object;
            })));
        }
        return Arbitraries.frequencyOf(choices);
    }

    private static Arbitrary<String> strings() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(5, Arbitraries.strings().withCharRange('\u0000', '\u001f').withChars("\"\\'`\u007f").ofMaxLength(20)),
                Tuple.of(10, sqlAndFriends()),
                Tuple.of(5, Arbitraries.strings().withCharRange('\u0080', '\uffff').ofMaxLength(30)),
                Tuple.of(3, Arbitraries.strings().withCharRange(' ', '~').ofMinLength(300).ofMaxLength(10_000)),
                Tuple.of(4, Arbitraries.strings().alpha().numeric().withChars(".-_").ofMinLength(1).ofMaxLength(12)
                        .map(s -> s + "@example.com")),
                Tuple.of(4, Arbitraries.strings().alpha().numeric().withChars("-_ ").ofMinLength(8).ofMaxLength(40)),
                Tuple.of(3, Arbitraries.of("", " ", "\t", "null", "true", "0", "-1", "{}", "[]", "\u0000")));
    }

    private static Arbitrary<String> sqlAndFriends() {
        return Arbitraries.of("' OR 1=1 --", "' OR '1'='1", "\" OR \"\"=\"", "'; DROP TABLE users; --",
                "x'); DROP TABLE users; --", "Robert'); DROP TABLE organizations;--", "1; SELECT * FROM users",
                "' UNION SELECT password_hash FROM users --", "%", "_", "%%", "a%' --", "\\", "\\'", "''", "'",
                "\"", "`", "$1", "?", ":email", "{{email}}", "${jndi:ldap://127.0.0.1/x}", "#{7*7}", "<script>x</script>",
                "../../etc/passwd", "\u0000' OR 1=1", "NULL", "CHAR(39)", "0x27", "/*", "*/ --");
    }

    private static Arbitrary<JsonNode> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(i -> (JsonNode) NODES.numberNode(i.intValue())),
                Arbitraries.longs().map(l -> (JsonNode) NODES.numberNode(l.longValue())),
                Arbitraries.doubles().map(d -> (JsonNode) NODES.numberNode(d.doubleValue())),
                Arbitraries.bigDecimals().map(d -> (JsonNode) NODES.numberNode(d)),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(2000)
                        .map(s -> (JsonNode) NODES.numberNode(new BigInteger(s))),
                Arbitraries.of(new BigDecimal("1e-400"), new BigDecimal("-1e400"), BigDecimal.ZERO)
                        .map(d -> (JsonNode) NODES.numberNode(d)));
    }

    private static List<String> oddities(Endpoint e) {
        String f = e.fields.get(0);
        return List.of("{", "}", "{\"" + f + "\"", "{\"" + f + "\":", "{\"" + f + "\":}", "{'" + f + "':'x'}",
                "{\"" + f + "\":\"x\",}", "{\"" + f + "\":\"x\" \"y\":1}", "{\"" + f + "\":\"a\",\"" + f + "\":\"b\"}",
                "{\"" + f + "\":\"x\"}{\"" + f + "\":\"y\"}", "{\"" + f + "\":\"x\"} trailing", "/* c */ {}",
                "// c\n{}", "{\"" + f + "\":NaN}", "{\"" + f + "\":Infinity}", "{\"" + f + "\":undefined}",
                "{\"" + f + "\":\"\\ud800\"}", "{\"" + f + "\":\"\\udc00\\ud800\"}", "{\"" + f + "\":\"\\u0000\"}",
                "{\"" + f + "\":\"\\x41\"}", "{\"" + f + "\":\"unterminated}", "{\"" + f + "\":01}",
                "{\"" + f + "\":.5}", "{\"" + f + "\":+1}", "{\"" + f + "\":0x10}", "{\"" + f + "\":'x'}",
                "{\"" + f + "\":\"\t\"}", "{\"" + f + "\":\"\n\"}", "{\"\":\"\"}", "{" + f + ":\"x\"}",
                "[{\"" + f + "\":\"x\"}]", "\"" + f + "\"", "null", "true", "0", "-0", "1e999", "[]", "[null]",
                "{\"" + f + "\":{\"$gt\":\"\"}}", "{\"" + f + "\":[\"a\",\"b\"]}", "{\"" + f + "\":{}}",
                "\u0000", "\ufeff{}", "{}\u0000", "{\"" + f + "\":\"x\"}\n\n\n");
    }

    // ---- requests ----

    private static Call call(Endpoint e, String contentType, String accept, byte[] body, String kind) {
        return new Call(e, contentType, accept, body, kind);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** JSON text; with {@code escapeNonAscii}, lone surrogates travel as {@code \\uD800} escapes. */
    private static String serialize(JsonNode node, boolean escapeNonAscii) {
        try {
            ObjectMapper mapper = escapeNonAscii ? JSON.copy().enable(JsonGenerator.Feature.ESCAPE_NON_ASCII) : JSON;
            return mapper.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the call and checks the answer against the error model. */
    private static HttpResponse<String> exchange(Call call) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.httpsBase() + call.endpoint().path))
                .timeout(Duration.ofSeconds(30))
                .POST(call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        if (call.contentType() != null) {
            builder.header("Content-Type", call.contentType());
        }
        if (call.accept() != null) {
            builder.header("Accept", call.accept());
        }
        HttpResponse<String> response = server.http().send(builder.build(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        requests.incrementAndGet();
        statuses.computeIfAbsent(call.endpoint().name().toLowerCase(Locale.ROOT) + " " + status, k -> new AtomicInteger())
                .incrementAndGet();
        if (status >= 500) {
            serverErrors.incrementAndGet();
        }
        List<String> violations = violations(call, status, response.body());
        if (!violations.isEmpty()) {
            String report = String.join("; ", violations) + "\n  request: " + call + "\n  answer: " + response.body();
            if (!COLLECT) {
                fail(report);
            }
            findings.putIfAbsent(signature(violations.get(0), status, response.body()), report);
        }
        return response;
    }

    /** What is wrong with an answer, by the error model of docs/api-auth.md; empty when nothing is. */
    static List<String> violations(Call call, int status, String body) {
        List<String> wrong = new ArrayList<>();
        if (status >= 500) {
            wrong.add("HTTP " + status);
        }
        for (String leak : LEAKS) {
            if (body.contains(leak) && !call.sent(leak)) {
                wrong.add("the answer carries '" + leak.replace("\t", "\\t") + "'");
            }
        }
        if (status >= 400) {
            JsonNode error = null;
            try {
                error = JSON.readTree(body).get("error");
            } catch (IOException notJson) {
                wrong.add("HTTP " + status + " without a JSON body");
            }
            if (error == null || !error.isObject()) {
                wrong.add("HTTP " + status + " without {\"error\":{…}}");
            } else {
                if (!error.path("code").isTextual() || error.get("code").asText().isBlank()) {
                    wrong.add("no error.code");
                }
                if (!error.path("message").isTextual() || error.get("message").asText().isBlank()) {
                    wrong.add("no error.message");
                }
                JsonNode field = error.get("field");
                if (field == null || !(field.isNull() || field.isTextual())) {
                    wrong.add("error.field is neither null nor a name");
                } else if (field.isTextual() && !call.endpoint().fields.contains(field.asText()) && !call.sent(field.asText())) {
                    // "field names the request field at fault, or null" (docs/api-auth.md)
                    wrong.add("error.field '" + field.asText() + "' is not a field of the request");
                }
            }
        }
        return wrong;
    }

    /** Findings that differ only in the generated text count once. */
    private static String signature(String violation, int status, String body) {
        String shape = body.replaceAll("'[^']*'", "'…'").replaceAll("`[^`]*`", "`…`").replaceAll("\\d+", "0");
        return violation + " " + status + " " + shape.substring(0, Math.min(160, shape.length()));
    }

    // ---- account helpers (for the checks outside the campaign) ----

    private static HttpResponse<String> call(String method, String path, Object body, String token) throws Exception {
        return server.request(method, path, body == null ? null : JSON.writeValueAsString(body), token);
    }

    private static JsonNode ok(HttpResponse<String> response, int status) throws Exception {
        assertEquals(response.body(), status, response.statusCode());
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    private static String token(JsonNode session) {
        return session.get("accessToken").asText();
    }

    private static JsonNode signUpConfirmAndSignIn(String email, String name, String organization) throws Exception {
        Map<String, String> signUp = new LinkedHashMap<>();
        signUp.put("email", email);
        signUp.put("password", PASSWORD);
        signUp.put("displayName", name);
        signUp.put("organizationName", organization);
        ok(call("POST", "/api/auth/signup", signUp, null), 202);
        ok(call("POST", "/api/auth/confirm", Map.of("token", linkToken(email, "confirm")), null), 200);
        JsonNode session = ok(call("POST", "/api/auth/login", Map.of("email", email, "password", PASSWORD), null), 200);
        assertEquals(email, session.at("/user/email").asText());
        return session;
    }

    /** The token of the newest link to {@code page} in an email to {@code address}. */
    private static String linkToken(String address, String page) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            MimeMessage[] received = mail.getReceivedMessages();
            for (int i = received.length - 1; i >= 0; i--) {
                MimeMessage message = received[i];
                if (address.equalsIgnoreCase(recipient(message))) {
                    Matcher link = LINK.matcher(GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "="));
                    if (link.find() && link.group(1).equals(page)) {
                        return link.group(2);
                    }
                }
            }
            mail.waitForIncomingEmail(1000, received.length + 1);
        }
        throw new AssertionError("no email to " + address + " with a /" + page + " link within 30 s");
    }

    /** The address an email went to; null for one the fuzzing sent to an address JavaMail cannot parse. */
    private static String recipient(MimeMessage message) {
        try {
            return ((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress();
        } catch (MessagingException | RuntimeException unparseable) {
            return null;
        }
    }
}
