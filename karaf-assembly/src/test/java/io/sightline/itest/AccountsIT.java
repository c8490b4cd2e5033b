package io.sightline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import static io.sightline.itest.ApiClient.error;
import static io.sightline.itest.ApiClient.newEmail;
import static io.sightline.itest.ApiClient.ok;
import static io.sightline.itest.ApiClient.org;
import static io.sightline.itest.ApiClient.token;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.mail.Message;
import javax.mail.internet.MimeMessage;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * Every account flow end to end: the real distribution started with bin/start, driven over HTTPS,
 * its emails received by GreenMail (a real SMTP server in this JVM) and their links followed.
 */
public class AccountsIT {
    private static final ObjectMapper JSON = ApiClient.JSON;
    private static final String PASSWORD = ApiClient.PASSWORD;

    /** Routes that answer without a token (SPEC A-5); every other route must answer 401 without one. */
    private static final Set<String> PUBLIC = Set.of(
            "GET /health", "GET /health/live", "GET /health/ready", "GET /openapi.json",
            "POST /auth/signup", "POST /auth/confirm", "POST /auth/login", "POST /auth/refresh",
            "POST /auth/password-reset", "POST /auth/password-reset/confirm", "POST /auth/unlock",
            "POST /auth/invitation", "GET /setup", "POST /setup");

    private static ApiClient api;
    private static Distribution server;
    private static GreenMail mail;

    @BeforeClass
    public static void start() throws Exception {
        api = ApiClient.start("accounts-it");
        server = api.server;
        mail = api.mail;
        setupToken = server.setupToken();
        installationOwner = api.owner("root"); // through setup: later sign-ups are ordinary
    }

    private static String setupToken;
    private static JsonNode installationOwner;

    @AfterClass
    public static void stop() throws Exception {
        if (api != null) {
            api.stop();
        }
    }

    private static HttpResponse<String> call(String method, String path, Object body, String token) throws Exception {
        return api.call(method, path, body, token);
    }

    private static String linkToken(String address, String page) throws Exception {
        return api.linkToken(address, page);
    }

    private static JsonNode owner(String who) throws Exception {
        return api.owner(who);
    }

    private static JsonNode login(String email, String password) throws Exception {
        return api.login(email, password);
    }

    // ---- tests ----

    @Test
    public void signUpConfirmAndSignIn() throws Exception {
        String email = newEmail("ann");
        Map<String, String> signUp = Map.of("email", email, "password", PASSWORD, "displayName", "Ann",
                "organizationName", "Ann's team");
        ok(call("POST", "/auth/signup", signUp, null), 202);
        String confirm = linkToken(email, "confirm");

        assertEquals("email_not_confirmed",
                error(call("POST", "/auth/login", Map.of("email", email, "password", PASSWORD), null), 403, "email").get("code").asText());
        ok(call("POST", "/auth/confirm", Map.of("token", confirm), null), 200);
        error(call("POST", "/auth/confirm", Map.of("token", confirm), null), 400, "token"); // single use

        JsonNode session = login(email, PASSWORD);
        assertEquals("OWNER", session.get("organization").get("role").asText());
        assertEquals(email, session.get("user").get("email").asText());
        JsonNode me = ok(call("GET", "/me", null, token(session)), 200);
        assertEquals("Ann", me.get("user").get("displayName").asText());
        assertFalse("no hash in answers", me.toString().contains("argon2"));

        // Signing up again with the same address answers the same, and sends a notice instead.
        HttpResponse<String> again = call("POST", "/auth/signup", signUp, null);
        assertEquals(202, again.statusCode());
    }

    @Test
    public void setupIsOneTimeAndItsTokenIsNeverAnswered() throws Exception {
        assertEquals("OWNER", installationOwner.get("organization").get("role").asText());
        assertFalse(ok(call("GET", "/setup", null, null), 200).get("required").asBoolean());
        Map<String, String> again = Map.of("token", setupToken, "email", newEmail("late"), "password", PASSWORD,
                "displayName", "Late", "organizationName", "Late's team");
        error(call("POST", "/setup", again, null), 404, null); // used, and an Owner exists
        // The first account needed no email confirmation and signs in at once.
        login(installationOwner.get("user").get("email").asText(), PASSWORD);
        JsonNode me = ok(call("GET", "/me", null, token(installationOwner)), 200);
        assertFalse(me.toString().contains(setupToken));
        assertFalse(installationOwner.toString().contains(setupToken));
    }

    @Test
    public void badInputNamesTheField() throws Exception {
        Map<String, String> base = Map.of("email", newEmail("x"), "password", PASSWORD, "displayName", "X",
                "organizationName", "X");
        error(call("POST", "/auth/signup", with(base, "email", "not-an-email"), null), 400, "email");
        error(call("POST", "/auth/signup", with(base, "password", "short"), null), 400, "password");
        error(call("POST", "/auth/signup", with(base, "password", "password123"), null), 400, "password");
        error(call("POST", "/auth/signup", with(base, "organizationName", " "), null), 400, "organizationName");
        error(call("POST", "/auth/password-reset/confirm", Map.of("token", "nope", "password", PASSWORD), null), 400, "token");
        error(call("POST", "/auth/unlock", Map.of("token", "nope"), null), 400, "token");
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> copy = new java.util.HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    @Test
    public void sessionsRefreshRotateAndEnd() throws Exception {
        JsonNode session = owner("ben");
        JsonNode refreshed = ok(call("POST", "/auth/refresh", Map.of("refreshToken", session.get("refreshToken").asText()), null), 200);
        assertNotEquals(token(session), token(refreshed));
        error(call("GET", "/me", null, token(session)), 401, null);
        error(call("POST", "/auth/refresh", Map.of("refreshToken", session.get("refreshToken").asText()), null), 401, null);
        ok(call("GET", "/me", null, token(refreshed)), 200);

        ok(call("POST", "/auth/logout", null, token(refreshed)), 204);
        error(call("GET", "/me", null, token(refreshed)), 401, null);
        error(call("GET", "/me", null, "not-a-token"), 401, null);
    }

    @Test
    public void unknownEmailsAnswerLikeWrongPasswords() throws Exception {
        JsonNode session = owner("cid");
        String email = session.get("user").get("email").asText();
        HttpResponse<String> wrong = call("POST", "/auth/login", Map.of("email", email, "password", "wrong-password-1"), null);
        HttpResponse<String> unknown = call("POST", "/auth/login", Map.of("email", newEmail("nobody"), "password", "wrong-password-1"), null);
        assertEquals(401, wrong.statusCode());
        assertEquals(wrong.body(), unknown.body());

        HttpResponse<String> resetKnown = call("POST", "/auth/password-reset", Map.of("email", email), null);
        HttpResponse<String> resetUnknown = call("POST", "/auth/password-reset", Map.of("email", newEmail("nobody")), null);
        assertEquals(202, resetKnown.statusCode());
        assertEquals(resetKnown.body(), resetUnknown.body());
        linkToken(email, "reset-password"); // only the known address got mail
    }

    @Test
    public void passwordResetEndsEverySession() throws Exception {
        JsonNode session = owner("dee");
        String email = session.get("user").get("email").asText();
        ok(call("POST", "/auth/password-reset", Map.of("email", email), null), 202);
        String reset = linkToken(email, "reset-password");
        error(call("POST", "/auth/password-reset/confirm", Map.of("token", reset, "password", "short"), null), 400, "password");
        String newPassword = "amber-lantern-quiet-41";
        ok(call("POST", "/auth/password-reset/confirm", Map.of("token", reset, "password", newPassword), null), 200);
        error(call("POST", "/auth/password-reset/confirm", Map.of("token", reset, "password", newPassword), null), 400, "token");
        error(call("GET", "/me", null, token(session)), 401, null);
        error(call("POST", "/auth/login", Map.of("email", email, "password", PASSWORD), null), 401, null);
        login(email, newPassword);
    }

    @Test
    public void emailAndPasswordChangesNeedTheCurrentPasswordAndConfirmation() throws Exception {
        JsonNode session = owner("kim");
        String oldEmail = session.get("user").get("email").asText();
        String newEmail = newEmail("kim-new");
        error(call("POST", "/me/email", Map.of("email", newEmail, "password", "not-my-password"), token(session)), 400, "password");
        ok(call("POST", "/me/email", Map.of("email", newEmail, "password", PASSWORD), token(session)), 202);
        ok(call("POST", "/auth/confirm", Map.of("token", linkToken(newEmail, "confirm")), null), 200);
        assertEquals(newEmail, ok(call("GET", "/me", null, token(session)), 200).get("user").get("email").asText());
        error(call("POST", "/auth/login", Map.of("email", oldEmail, "password", PASSWORD), null), 401, null);

        JsonNode other = login(newEmail, PASSWORD);
        error(call("POST", "/me/password", Map.of("currentPassword", "wrong", "newPassword", "x-y-z-long-enough-1"),
                token(session)), 400, "currentPassword");
        error(call("POST", "/me/password", Map.of("currentPassword", PASSWORD, "newPassword", "password1"),
                token(session)), 400, "newPassword");
        ok(call("POST", "/me/password", Map.of("currentPassword", PASSWORD, "newPassword", "x-y-z-long-enough-1"),
                token(session)), 204);
        ok(call("GET", "/me", null, token(session)), 200); // the session that changed it goes on
        error(call("GET", "/me", null, token(other)), 401, null); // every other one ends
        login(newEmail, "x-y-z-long-enough-1");
    }

    @Test
    public void fiveFailuresLockAndTheEmailedLinkUnlocks() throws Exception {
        JsonNode session = owner("eve");
        String email = session.get("user").get("email").asText();
        for (int i = 0; i < 5; i++) {
            error(call("POST", "/auth/login", Map.of("email", email, "password", "wrong-password-" + i), null), 401, null);
        }
        String unlock = linkToken(email, "unlock");
        // Locked: even the right password is refused, with the same answer.
        error(call("POST", "/auth/login", Map.of("email", email, "password", PASSWORD), null), 401, null);
        ok(call("POST", "/auth/unlock", Map.of("token", unlock), null), 200);
        login(email, PASSWORD);
    }

    @Test
    public void invitationsRolesAndTenantIsolation() throws Exception {
        JsonNode alice = owner("fay");
        String orgA = org(alice);
        String bobEmail = newEmail("gil");
        ok(call("POST", "/orgs/" + orgA + "/members", Map.of("email", bobEmail, "role", "MEMBER"), token(alice)), 202);
        assertEquals(1, ok(call("GET", "/orgs/" + orgA + "/invitations", null, token(alice)), 200).size());
        String invitation = linkToken(bobEmail, "invitation");
        error(call("POST", "/auth/invitation", Map.of("token", invitation, "displayName", "Gil", "password", "short"), null), 400, "password");
        ok(call("POST", "/auth/invitation", Map.of("token", invitation, "displayName", "Gil", "password", PASSWORD), null), 200);

        JsonNode bob = login(bobEmail, PASSWORD);
        assertEquals("MEMBER", bob.get("organization").get("role").asText());
        JsonNode members = ok(call("GET", "/orgs/" + orgA + "/members", null, token(bob)), 200);
        assertEquals(2, members.size());
        // A Member may read the member list but not manage it: Shiro says no.
        assertEquals("forbidden", error(call("POST", "/orgs/" + orgA + "/members",
                Map.of("email", newEmail("x"), "role", "VIEWER"), token(bob)), 403, null).get("code").asText());

        // Another organization's owner sees nothing of A and changes nothing in it: 404 everywhere.
        JsonNode carol = owner("hal");
        String bobMembership = null;
        for (JsonNode m : members) {
            if (m.get("email").asText().equals(bobEmail)) {
                bobMembership = m.get("id").asText();
            }
        }
        error(call("GET", "/orgs/" + orgA + "/members", null, token(carol)), 404, null);
        error(call("GET", "/orgs/" + orgA + "/invitations", null, token(carol)), 404, null);
        error(call("POST", "/orgs/" + orgA + "/members", Map.of("email", newEmail("y"), "role", "OWNER"), token(carol)), 404, null);
        error(call("PATCH", "/orgs/" + orgA + "/members/" + bobMembership, Map.of("role", "VIEWER"), token(carol)), 404, null);
        error(call("DELETE", "/orgs/" + orgA + "/members/" + bobMembership, null, token(carol)), 404, null);
        error(call("PATCH", "/orgs/" + org(carol) + "/members/" + bobMembership, Map.of("role", "VIEWER"), token(carol)), 404, null);
        error(call("PUT", "/me/organization", Map.of("organizationId", orgA), token(carol)), 404, null);
        assertEquals(members, ok(call("GET", "/orgs/" + orgA + "/members", null, token(alice)), 200));

        // The Owner changes Bob's role; the last Owner cannot step down.
        assertEquals("VIEWER", ok(call("PATCH", "/orgs/" + orgA + "/members/" + bobMembership, Map.of("role", "VIEWER"),
                token(alice)), 200).get("role").asText());
        String aliceMembership = null;
        for (JsonNode m : members) {
            if (!m.get("email").asText().equals(bobEmail)) {
                aliceMembership = m.get("id").asText();
            }
        }
        error(call("PATCH", "/orgs/" + orgA + "/members/" + aliceMembership, Map.of("role", "ADMIN"), token(alice)), 409, "role");
        ok(call("DELETE", "/orgs/" + orgA + "/members/" + bobMembership, null, token(alice)), 204);
        assertEquals(1, ok(call("GET", "/orgs/" + orgA + "/members", null, token(alice)), 200).size());
    }

    @Test
    public void usersInSeveralOrganizationsSwitchBetweenThem() throws Exception {
        JsonNode ivy = owner("ivy");
        JsonNode second = ok(call("POST", "/orgs", Map.of("name", "Second"), token(ivy)), 201);
        assertEquals(2, ok(call("GET", "/orgs", null, token(ivy)), 200).size());
        error(call("GET", "/orgs/" + second.get("id").asText() + "/members", null, token(ivy)), 404, null);
        JsonNode me = ok(call("PUT", "/me/organization", Map.of("organizationId", second.get("id").asText()), token(ivy)), 200);
        assertEquals("Second", me.get("organization").get("name").asText());
        assertEquals(1, ok(call("GET", "/orgs/" + second.get("id").asText() + "/members", null, token(ivy)), 200).size());
    }

    @Test
    public void personalApiTokensActWithTheirRoleUntilRevoked() throws Exception {
        JsonNode owner = owner("jo");
        String orgId = org(owner);
        JsonNode created = ok(call("POST", "/me/tokens", Map.of("name", "ci", "role", "VIEWER", "expiresInDays", 30),
                token(owner)), 201);
        String apiToken = created.get("token").asText();
        assertTrue(apiToken.startsWith("slpat_"));
        ok(call("GET", "/orgs/" + orgId + "/members", null, apiToken), 200);
        error(call("POST", "/orgs/" + orgId + "/members", Map.of("email", newEmail("z"), "role", "VIEWER"), apiToken), 403, null);

        JsonNode listed = ok(call("GET", "/me/tokens", null, token(owner)), 200);
        assertEquals(1, listed.size());
        assertFalse("token value listed", listed.toString().contains(apiToken));
        assertFalse(listed.get(0).get("lastUsedAt").isNull());
        error(call("POST", "/me/tokens", Map.of("name", "x", "role", "VIEWER", "expiresInDays", 0), token(owner)), 400, "expiresInDays");

        ok(call("DELETE", "/me/tokens/" + created.get("id").asText(), null, token(owner)), 204);
        error(call("GET", "/me", null, apiToken), 401, null);
    }

    @Test
    public void everyNonPublicRouteAnswers401WithoutAToken() throws Exception {
        JsonNode api = ok(server.get("/api/openapi.json"), 200);
        List<String> checked = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = api.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<String> methods = path.getValue().fieldNames();
            while (methods.hasNext()) {
                String method = methods.next().toUpperCase();
                String route = method + " " + path.getKey();
                if (PUBLIC.contains(route)) {
                    continue;
                }
                String concrete = path.getKey().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                boolean hasBody = Set.of("POST", "PUT", "PATCH").contains(method);
                HttpResponse<String> response = call(method, concrete, hasBody ? Map.of() : null, null);
                assertEquals(route + " answered " + response.body(), 401, response.statusCode());
                checked.add(route);
            }
        }
        assertTrue("too few routes found: " + checked, checked.size() >= 10);
    }
}
