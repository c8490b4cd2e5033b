package io.sightline.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sightline.api.account.AccountStore;
import io.sightline.api.account.Membership;
import io.sightline.api.account.Organization;
import io.sightline.api.account.OrganizationRole;
import io.sightline.api.account.Role;
import io.sightline.api.account.User;
import io.sightline.api.notify.EmailMessage;
import io.sightline.api.notify.Mailer;
import io.sightline.api.rest.ApiException;

/** One-time setup: the token printed once, single use, never answered; sign-up waits for it. */
class SetupTest {
    private static final String PASSWORD = "violet-tractor-harbour-93";
    private static final Pattern LINK = Pattern.compile("https://sightline\\.example\\.com/setup\\?token=([A-Za-z0-9_-]{43})");

    private final List<Organization> organizations = new ArrayList<>();
    private final List<User> users = new ArrayList<>();
    private final List<Membership> memberships = new ArrayList<>();
    private final List<EmailMessage> sent = new ArrayList<>();
    private AuthService auth;
    private AccountViews views;

    @BeforeEach
    void setUp() {
        AuthConfig config = config(Map.of("public_url", "https://sightline.example.com", "ip_failures_per_window", 3,
                "argon2_memory_kib", 1024, "argon2_iterations", 1));
        auth = new AuthService(accounts(), new InMemorySessionStore(), mailer(), config);
        views = new AccountViews(accounts(), config);
    }

    @Test
    void aFreshInstallationPrintsALinkOnceAndSetsUpTheFirstOwner() {
        Printed first = start();
        assertEquals(1, first.tokens.size(), first.output);
        String token = first.tokens.get(0);
        assertTrue(new SetupResource(first.setup, views).status().required());

        Views.Session session = new SetupResource(first.setup, views).complete(
                new SetupResource.SetupBody(token, "Root@Example.com", PASSWORD, "Root", "Acme"), request("10.0.0.1"));

        assertNotNull(session.accessToken());
        assertEquals(Role.OWNER, session.organization().role());
        assertEquals("Acme", session.organization().name());
        assertFalse(session.toString().contains(token), "the token is never answered");
        assertFalse(new SetupResource(first.setup, views).status().toString().contains(token));
        assertFalse(new SetupResource(first.setup, views).status().required());
        assertTrue(sent.isEmpty(), "the first Owner needs no confirmation email");
        assertTrue(auth.resolve(session.accessToken()).isPresent(), "signed in at once");
        assertTrue(auth.signIn("root@example.com", PASSWORD, "10.0.0.1") != null, "email counts as confirmed");
    }

    @Test
    void noTokenOrAWrongTokenIsRefused() {
        Setup setup = start().setup;
        for (String bad : new String[] {null, "", "nope", "x".repeat(43), "y".repeat(500)}) {
            ApiException e = assertThrows(ApiException.class, () -> complete(setup, bad, "10.0.1." + String.valueOf(bad).length()));
            assertEquals(403, e.status(), String.valueOf(bad));
            assertEquals("token", e.field());
        }
        assertTrue(setup.required());
        assertTrue(organizations.isEmpty() && users.isEmpty());
    }

    @Test
    void wrongTokensAreThrottledPerAddressLikeSignIns() {
        Printed printed = start();
        for (int i = 0; i < 3; i++) {
            assertEquals(403, assertThrows(ApiException.class, () -> complete(printed.setup, "wrong", "10.0.0.3")).status());
        }
        // Even the right token waits now, from that address; another address goes on.
        assertEquals(429, assertThrows(ApiException.class,
                () -> complete(printed.setup, printed.tokens.get(0), "10.0.0.3")).status());
        assertNotNull(complete(printed.setup, printed.tokens.get(0), "10.0.0.4"));
    }

    @Test
    void theTokenIsSingleUseAndSetupAnswers404Afterwards() {
        Printed printed = start();
        String token = printed.tokens.get(0);
        complete(printed.setup, token, "10.0.0.5");
        assertEquals(404, assertThrows(ApiException.class, () -> complete(printed.setup, token, "10.0.0.5")).status());
        assertEquals(404, assertThrows(ApiException.class, () -> complete(printed.setup, "other", "10.0.0.5")).status());
        assertEquals(1, users.size());
        assertEquals(1, organizations.size());
    }

    @Test
    void aRestartPrintsANewTokenAndNoneOnceSetUp() {
        Printed first = start();
        Printed second = start();
        assertNotEquals(first.tokens.get(0), second.tokens.get(0));
        assertEquals(403, assertThrows(ApiException.class,
                () -> complete(second.setup, first.tokens.get(0), "10.0.0.6")).status(), "the old token died");
        complete(second.setup, second.tokens.get(0), "10.0.0.6");
        Printed third = start();
        assertTrue(third.tokens.isEmpty(), third.output);
        assertFalse(third.output.contains("setup?token="));
    }

    @Test
    void badFieldsAreNamedAndDoNotUseTheToken() {
        Printed printed = start();
        String token = printed.tokens.get(0);
        ApiException weak = assertThrows(ApiException.class, () -> printed.setup.complete(token, "root@example.com",
                "password123", "Root", "Acme", "10.0.0.7"));
        assertEquals("password", weak.field());
        ApiException email = assertThrows(ApiException.class, () -> printed.setup.complete(token, "not-an-email",
                PASSWORD, "Root", "Acme", "10.0.0.7"));
        assertEquals("email", email.field());
        assertNotNull(complete(printed.setup, token, "10.0.0.7"));
    }

    @Test
    void signUpWaitsForSetupThenWorks() {
        Printed printed = start();
        ApiException early = assertThrows(ApiException.class,
                () -> auth.signUp("ann@example.com", PASSWORD, "Ann", "Ann's team", "10.0.0.8"));
        assertEquals(409, early.status());
        assertEquals("setup_required", early.code());
        assertFalse(early.getMessage().contains(printed.tokens.get(0)));
        complete(printed.setup, printed.tokens.get(0), "10.0.0.8");
        auth.signUp("ann@example.com", PASSWORD, "Ann", "Ann's team", "10.0.0.8");
        assertEquals(2, organizations.size());
        assertEquals(1, sent.size(), "the second Owner confirms by email");
    }

    // ---- helpers ----

    private record Printed(Setup setup, String output, List<String> tokens) {}

    /** Activates the setup component as DS would, capturing what it prints. */
    private Printed start() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Setup setup;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            setup = new Setup(auth, accounts(), config(Map.of("public_url", "https://sightline.example.com/")));
        } finally {
            System.setOut(original);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        List<String> tokens = new ArrayList<>();
        Matcher m = LINK.matcher(text);
        while (m.find()) {
            tokens.add(m.group(1));
        }
        return new Printed(setup, text, tokens);
    }

    private static AuthService.Issued complete(Setup setup, String token, String address) {
        return setup.complete(token, "root@example.com", PASSWORD, "Root", "Acme", address);
    }

    private static HttpServletRequest request(String address) {
        return proxy(HttpServletRequest.class, Map.of("getRemoteAddr", a -> address));
    }

    private Mailer mailer() {
        return proxy(Mailer.class, Map.of("send", a -> sent.add((EmailMessage) a[0])));
    }

    /** The account store methods setup and sign-up use, in memory. */
    private AccountStore accounts() {
        Function<String, Optional<User>> byEmail = email -> users.stream()
                .filter(u -> u.email().equalsIgnoreCase(email.strip())).findFirst();
        return proxy(AccountStore.class, Map.ofEntries(
                Map.entry("installationOrganization", a -> organizations.stream().findFirst()),
                Map.entry("members", a -> memberships.stream().filter(m -> m.organizationId().equals(a[0])).toList()),
                Map.entry("createOrganization", a -> add(organizations,
                        new Organization(UUID.randomUUID().toString(), (String) a[0], Instant.now()))),
                Map.entry("createUser", a -> {
                    if (byEmail.apply((String) a[0]).isPresent()) {
                        throw new IllegalStateException("email: already registered");
                    }
                    hashes.put(((String) a[0]).toLowerCase(), (String) a[2]);
                    confirmed.put(((String) a[0]).toLowerCase(), (Boolean) a[3]);
                    return add(users, new User(UUID.randomUUID().toString(), ((String) a[0]).toLowerCase(), (String) a[1],
                            Instant.now()));
                }),
                Map.entry("addMember", a -> add(memberships, new Membership(UUID.randomUUID().toString(), (String) a[0],
                        (String) a[1], (Role) a[2], Instant.now()))),
                Map.entry("findUserByEmail", a -> byEmail.apply((String) a[0])),
                Map.entry("findUser", a -> users.stream().filter(u -> u.id().equals(a[0])).findFirst()),
                Map.entry("organizationsOf", a -> memberships.stream().filter(m -> m.userId().equals(a[0]))
                        .map(m -> new OrganizationRole(organizations.stream()
                                .filter(o -> o.id().equals(m.organizationId())).findFirst().orElseThrow(), m.role(), m.id()))
                        .toList()),
                Map.entry("membershipOf", a -> memberships.stream()
                        .filter(m -> m.organizationId().equals(a[0]) && m.userId().equals(a[1])).findFirst()),
                Map.entry("credentialsByEmail", a -> byEmail.apply((String) a[0]).map(u -> new io.sightline.api.account
                        .Credentials(u, hashes.get(u.email()), confirmed.get(u.email()), new io.sightline.api.account.SignInState(0, 0, null)))),
                Map.entry("issueEmailToken", a -> null)));
    }

    private final Map<String, String> hashes = new java.util.HashMap<>();
    private final Map<String, Boolean> confirmed = new java.util.HashMap<>();

    private static <T> T add(List<T> list, T item) {
        list.add(item);
        return item;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Map<String, Function<Object[], Object>> methods) {
        return (T) Proxy.newProxyInstance(SetupTest.class.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            Function<Object[], Object> f = methods.get(m.getName());
            if (f == null) {
                throw new UnsupportedOperationException(m.getName());
            }
            return f.apply(args == null ? new Object[0] : args);
        });
    }

    /** An AuthConfig as DS would make it: the given values, defaults for the rest. */
    private static AuthConfig config(Map<String, Object> values) {
        return (AuthConfig) Proxy.newProxyInstance(AuthConfig.class.getClassLoader(), new Class<?>[] {AuthConfig.class},
                (proxy, method, args) -> values.getOrDefault(method.getName(), method.getDefaultValue()));
    }
}
