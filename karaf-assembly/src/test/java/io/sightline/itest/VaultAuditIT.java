package io.sightline.itest;

import static io.sightline.itest.ApiClient.PASSWORD;
import static io.sightline.itest.ApiClient.error;
import static io.sightline.itest.ApiClient.newEmail;
import static io.sightline.itest.ApiClient.ok;
import static io.sightline.itest.ApiClient.org;
import static io.sightline.itest.ApiClient.token;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.sightline.itest.Chromium.WAIT;
import static io.sightline.itest.Chromium.screenshot;
import static io.sightline.itest.Chromium.signIn;
import static io.sightline.itest.Chromium.testId;
import static io.sightline.itest.Chromium.visible;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The audit log and the vault over HTTPS, as admins use them: entries written by real sign-ins and
 * member changes, filters, paging, CSV export, chain verification, who may read what, and key
 * rotation by Owners.
 */
public class VaultAuditIT {
    private static ApiClient api;
    private static final Chromium browsers = new Chromium();
    /** Signed up first, so its organization administers the installation. */
    private static JsonNode installationOwner;

    @BeforeClass
    public static void start() throws Exception {
        api = ApiClient.start("vault-audit-it");
        installationOwner = api.owner("root");
    }

    @AfterClass
    public static void stop() throws Exception {
        browsers.close();
        if (api != null) {
            api.stop();
        }
    }

    private static HttpResponse<String> call(String method, String path, Object body, String token) throws Exception {
        return api.call(method, path, body, token);
    }

    /** The audit page for {@code query} once it lists at least {@code count} entries (writes are asynchronous). */
    private static JsonNode awaitAudit(String token, String query, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode page = null;
        while (System.nanoTime() < deadline) {
            page = ok(call("GET", "/audit" + query, null, token), 200);
            if (page.get("total").asLong() >= count) {
                return page;
            }
            Thread.sleep(100); // the audit module writes on its own thread
        }
        throw new AssertionError("fewer than " + count + " audit entries for " + query + ": " + page);
    }

    private static List<String> actions(JsonNode page) {
        List<String> actions = new ArrayList<>();
        page.get("entries").forEach(e -> actions.add(e.get("action").asText()));
        return actions;
    }

    @Test
    public void signInsAndMemberChangesAreRecordedFilteredAndExported() throws Exception {
        JsonNode owner = api.owner("ann");
        String orgId = org(owner);
        String ownerEmail = owner.get("user").get("email").asText();
        error(call("POST", "/auth/login", Map.of("email", ownerEmail, "password", "wrong-password-1"), null), 401, null);

        String bobEmail = newEmail("bob");
        ok(call("POST", "/orgs/" + orgId + "/members", Map.of("email", bobEmail, "role", "MEMBER"), token(owner)), 202);
        ok(call("POST", "/auth/invitation", Map.of("token", api.linkToken(bobEmail, "invitation"), "displayName", "Bob",
                "password", PASSWORD), null), 200);
        JsonNode bob = api.login(bobEmail, PASSWORD);
        String bobMembership = null;
        for (JsonNode m : ok(call("GET", "/orgs/" + orgId + "/members", null, token(owner)), 200)) {
            if (m.get("email").asText().equals(bobEmail)) {
                bobMembership = m.get("id").asText();
            }
        }
        ok(call("PATCH", "/orgs/" + orgId + "/members/" + bobMembership, Map.of("role", "ADMIN"), token(owner)), 200);

        // account.signup, account.email_confirmed, auth.login, auth.login_failed, member.invite,
        // member.join, auth.login (bob), member.role_change
        JsonNode all = awaitAudit(token(owner), "", 8);
        List<String> actions = actions(all);
        for (String expected : List.of("account.signup", "account.email_confirmed", "auth.login", "auth.login_failed",
                "member.invite", "member.join", "member.role_change")) {
            assertTrue(expected + " in " + actions, actions.contains(expected));
        }
        assertEquals("newest first", "member.role_change", actions.get(0));
        JsonNode change = all.get("entries").get(0);
        assertEquals(ownerEmail, change.get("actorEmail").asText());
        assertEquals("127.0.0.1", change.get("sourceAddress").asText());
        assertTrue(change.get("details").asText(), change.get("details").asText().contains("MEMBER → ADMIN"));
        assertEquals(64, change.get("hash").asText().length());
        assertFalse("no secrets or hashes of passwords", all.toString().contains(PASSWORD) || all.toString().contains("argon2"));

        // Filters: action prefix, actor (part of an email), dates, paging.
        List<String> signIns = actions(ok(call("GET", "/audit?action=auth.", null, token(owner)), 200));
        assertTrue(signIns.toString(), signIns.stream().allMatch(a -> a.startsWith("auth.")) && signIns.size() >= 3);
        JsonNode bobs = ok(call("GET", "/audit?actor=" + bobEmail.substring(0, 8), null, token(owner)), 200);
        bobs.get("entries").forEach(e -> assertEquals(bobEmail, e.get("actorEmail").asText()));
        assertTrue(bobs.get("total").asLong() >= 2);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertEquals(all.get("total"), ok(call("GET", "/audit?from=" + today + "&to=" + today, null, token(owner)), 200).get("total"));
        assertEquals(0, ok(call("GET", "/audit?to=2020-01-01", null, token(owner)), 200).get("total").asLong());
        JsonNode second = ok(call("GET", "/audit?limit=2&offset=2", null, token(owner)), 200);
        assertEquals(2, second.get("entries").size());
        assertEquals(all.get("entries").get(2).get("sequence"), second.get("entries").get(0).get("sequence"));
        error(call("GET", "/audit?limit=5000", null, token(owner)), 400, "limit");
        error(call("GET", "/audit?from=last-week", null, token(owner)), 400, "from");
        error(call("GET", "/audit?format=xml", null, token(owner)), 400, "format");

        // CSV: every match, one line each, formulas defused.
        HttpResponse<String> csv = call("GET", "/audit?format=csv&action=member.", null, token(owner));
        assertEquals(csv.body(), 200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").contains("sightline-audit.csv"));
        String[] lines = csv.body().split("\r\n");
        assertTrue(lines[0].startsWith("sequence,at,actor_id,actor_email"));
        assertEquals(4, lines.length); // header, role_change, join, invite
        assertTrue(lines[1].contains("member.role_change"));

        JsonNode verified = ok(call("GET", "/audit/verify", null, token(owner)), 200);
        assertTrue(verified.toString(), verified.get("intact").asBoolean());
        assertTrue("the export itself is audited too: " + verified, verified.get("entries").asLong() >= 9);

        // Bob, an Admin now, reads the log; a Member or another organization cannot.
        ok(call("GET", "/audit", null, token(api.login(bobEmail, PASSWORD))), 200);
        ok(call("PATCH", "/orgs/" + orgId + "/members/" + bobMembership, Map.of("role", "MEMBER"), token(owner)), 200);
        assertEquals("forbidden", error(call("GET", "/audit", null, token(bob)), 403, null).get("code").asText());
        error(call("GET", "/audit/verify", null, token(bob)), 403, null);
        JsonNode stranger = api.owner("eve");
        JsonNode theirs = awaitAudit(token(stranger), "", 1);
        theirs.get("entries").forEach(e -> assertNotEquals(ownerEmail, e.get("actorEmail").asText()));
        error(call("GET", "/audit", null, null), 401, null);
    }

    @Test
    public void ownersRotateKeysAndOnlyTheInstallationsOwnersTheMasterKey() throws Exception {
        JsonNode root = api.login(installationOwner.get("user").get("email").asText(), PASSWORD);
        JsonNode status = ok(call("GET", "/vault", null, token(root)), 200);
        assertEquals("file", status.get("masterKeySource").asText());
        assertTrue(status.get("canRotateMasterKey").asBoolean());
        String before = status.get("masterKeyId").asText();
        assertTrue(before, before.startsWith("mk-"));

        JsonNode rotated = ok(call("POST", "/vault/rotate-master-key", null, token(root)), 200);
        assertEquals("master", rotated.get("kind").asText());
        assertNotEquals(before, rotated.get("keyId").asText());
        assertEquals(rotated.get("keyId"), ok(call("GET", "/vault", null, token(root)), 200).get("masterKeyId"));
        JsonNode data = ok(call("POST", "/vault/rotate-data-key", null, token(root)), 200);
        assertEquals("data", data.get("kind").asText());
        assertEquals(data.get("keyId"), ok(call("GET", "/vault", null, token(root)), 200).get("dataKeyId"));
        awaitAudit(token(root), "?action=vault.", 2);

        // Another organization's Owner rotates its own data key, not the master key.
        JsonNode other = api.owner("olga");
        assertFalse(ok(call("GET", "/vault", null, token(other)), 200).get("canRotateMasterKey").asBoolean());
        error(call("POST", "/vault/rotate-master-key", null, token(other)), 403, null);
        ok(call("POST", "/vault/rotate-data-key", null, token(other)), 200);

        // Below Owner, keys are not shown at all.
        String memberEmail = newEmail("max");
        ok(call("POST", "/orgs/" + org(other) + "/members", Map.of("email", memberEmail, "role", "ADMIN"), token(other)), 202);
        ok(call("POST", "/auth/invitation", Map.of("token", api.linkToken(memberEmail, "invitation"), "displayName", "Max",
                "password", PASSWORD), null), 200);
        JsonNode admin = api.login(memberEmail, PASSWORD);
        error(call("GET", "/vault", null, token(admin)), 403, null);
        error(call("POST", "/vault/rotate-data-key", null, token(admin)), 403, null);
    }

    @Test
    public void adminsReadFilterAndVerifyTheLogInTheBrowser() throws Exception {
        JsonNode owner = api.owner("uma");
        String email = owner.get("user").get("email").asText();
        error(call("POST", "/auth/login", Map.of("email", email, "password", "not-my-password-9"), null), 401, null);
        ok(call("POST", "/orgs/" + org(owner) + "/members", Map.of("email", newEmail("vic"), "role", "VIEWER"), token(owner)), 202);
        awaitAudit(token(owner), "", 4);

        ChromeDriver browser = browsers.open();
        signIn(browser, api.server.httpsBase(), email, PASSWORD);
        browser.get(api.server.httpsBase() + "/admin");
        visible(browser, "admin-vault");
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(testId("vault-master-key"), "mk-"));
        screenshot(browser, "audit-01-admin-keys.png");

        visible(browser, "audit-link").click();
        visible(browser, "audit-table");
        new WebDriverWait(browser, WAIT).until(d -> d.findElements(testId("audit-row")).size() >= 5);
        String table = browser.findElement(testId("audit-table")).getText();
        assertTrue(table, table.contains("member.invite") && table.contains("auth.login_failed") && table.contains(email));
        screenshot(browser, "audit-02-log.png");

        new Select(browser.findElement(By.id("audit-action"))).selectByValue("auth.");
        browser.findElement(testId("audit-apply")).click();
        new WebDriverWait(browser, WAIT).until(d -> d.getCurrentUrl().contains("action=auth."));
        new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(testId("audit-table")).getText().contains("auth.login")
                        && d.findElements(testId("audit-row")).stream().allMatch(row -> row.getText().contains("auth.")));
        assertFalse(browser.findElement(testId("audit-table")).getText().contains("member.invite"));

        browser.findElement(testId("audit-verify")).click();
        WebElement result = visible(browser, "audit-verify-result");
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElement(result, "Chain intact"));
        screenshot(browser, "audit-03-filtered-and-verified.png");
    }
}
