package io.sightline.itest;

import static io.sightline.itest.Chromium.WAIT;
import static io.sightline.itest.Chromium.screenshot;
import static io.sightline.itest.Chromium.signIn;
import static io.sightline.itest.Chromium.testId;
import static io.sightline.itest.Chromium.type;
import static io.sightline.itest.Chromium.visible;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.mail.Message;
import javax.mail.internet.MimeMessage;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The account flows as a person goes through them, in headless Chromium against the real
 * distribution (cold-started from the tarball) whose emails GreenMail receives: sign up, follow the
 * emailed confirmation link, sign in, invite a colleague as Member, follow the invitation link in
 * another browser, join, and sign in as the colleague. Each step leaves a screenshot in
 * {@code target/screenshots/auth-*.png}. What the UI shows is checked against the API
 * (docs/api-auth.md) with the same session.
 */
public class AuthBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK = Pattern.compile("(https://\\S+?/([a-z-]+)\\?token=[A-Za-z0-9_-]+)");

    private static GreenMail mail;
    private static Distribution server;
    private static final Chromium browsers = new Chromium();

    @BeforeClass
    public static void start() throws Exception {
        int smtpPort = Distribution.freePort();
        mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        server = Distribution.unpackFresh("auth-browser-it");
        server.writeEtc("etc/io.sightline.notify.cfg", "smtp.host = 127.0.0.1\nsmtp.port = " + smtpPort
                + "\nsmtp.security = none\nfrom.address = sightline@example.com\n");
        server.writeEtc("etc/io.sightline.auth.cfg", "public.url = " + server.httpsBase() + "\n");
        server.startAndAwaitHealthy(Duration.ofSeconds(90));
        // The installation's first Owner comes from the one-time setup; this test signs up the next one.
        server.setUp("root-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "amber-lantern-river-42",
                "Root", "Root's team");
    }

    @AfterClass
    public static void stop() throws Exception {
        browsers.close();
        if (server != null) {
            server.stop(Duration.ofSeconds(60));
        }
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    public void signUpConfirmSignInInviteAMemberWhoJoinsAndSignsIn() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String ownerEmail = "olga-" + suffix + "@example.com";
        String ownerName = "Olga Owner";
        String ownerPassword = "copper-kettle-morning-57";
        String orgName = "Olga's Analytics " + suffix;
        String memberEmail = "max-" + suffix + "@example.com";
        String memberName = "Max Member";
        String memberPassword = "silver-heron-autumn-18";

        // 1. Sign up.
        ChromeDriver owner = newBrowser();
        owner.get(server.httpsBase() + "/signup");
        visible(owner, "signup-form");
        type(owner, "signup-email", ownerEmail);
        type(owner, "signup-name", ownerName);
        type(owner, "signup-password", ownerPassword);
        type(owner, "signup-org", orgName);
        screenshot(owner, "auth-01-signup-filled.png");
        owner.findElement(testId("signup-submit")).click();
        WebElement inbox = visible(owner, "form-message");
        assertTrue("Sign-up answer: " + inbox.getText(), inbox.getText().toLowerCase(Locale.ROOT).contains("check your inbox"));
        assertEquals("Check your inbox", owner.findElement(testId("page-title")).getText());
        screenshot(owner, "auth-02-check-inbox.png");

        // 2. Follow the emailed confirmation link.
        String confirm = link(ownerEmail, "confirm");
        owner.get(confirm);
        WebElement confirmed = new WebDriverWait(owner, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid='confirm-result'] [data-testid='form-message']")));
        assertTrue("Confirmation answer: " + confirmed.getText(),
                confirmed.getText().toLowerCase(Locale.ROOT).contains("confirmed"));
        assertTrue(owner.findElements(testId("form-error")).isEmpty());
        screenshot(owner, "auth-03-confirmed.png");

        // 3. Sign in: the app opens, the header names the organization.
        signIn(owner, server.httpsBase(), ownerEmail, ownerPassword);
        WebElement ownerOrg = visible(owner, "org-name");
        assertTrue("Header: " + ownerOrg.getText(), ownerOrg.getText().contains(orgName));
        assertTrue("Header: " + ownerOrg.getText(), ownerOrg.getText().contains("Owner"));
        assertEquals(ownerName, visible(owner, "profile-link").getText().replace("(your profile)", "").trim());
        JsonNode ownerSession = session(owner);
        assertEquals(orgName, ownerSession.at("/organization/name").asText());
        assertEquals("OWNER", ownerSession.at("/organization/role").asText());
        screenshot(owner, "auth-04-signed-in.png");

        // 4. Invite a colleague as Member.
        owner.get(server.httpsBase() + "/admin/members");
        visible(owner, "members-table");
        visible(owner, "invitations-empty");
        assertEquals(1, owner.findElements(testId("member-row")).size());
        type(owner, "invite-email", memberEmail);
        new Select(owner.findElement(testId("invite-role"))).selectByValue("MEMBER");
        screenshot(owner, "auth-05-invite-filled.png");
        owner.findElement(testId("invite-submit")).click();
        WebElement invited = new WebDriverWait(owner, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid='invite-form'] [data-testid='form-message']")));
        assertFalse(invited.getText().isBlank());
        WebElement pending = visible(owner, "invitations-table");
        new WebDriverWait(owner, WAIT).until(ExpectedConditions.textToBePresentInElement(pending, memberEmail));
        assertTrue("Pending invitation row: " + pending.getText(), pending.getText().contains("Member"));
        owner.executeScript("arguments[0].scrollIntoView({block: 'center'});", pending);
        screenshot(owner, "auth-06-invited.png");
        JsonNode invitations = api(owner, "/api/orgs/" + ownerSession.at("/organization/id").asText() + "/invitations");
        assertEquals(invitations.toString(), 1, invitations.size());
        assertEquals(memberEmail, invitations.get(0).get("email").asText());
        assertEquals("MEMBER", invitations.get(0).get("role").asText());

        // 5. The colleague opens the invitation in another browser (no session there), joins.
        String invitation = link(memberEmail, "invitation");
        ChromeDriver member = newBrowser();
        member.get(invitation);
        visible(member, "invitation-form");
        type(member, "invitation-name", memberName);
        type(member, "invitation-password", memberPassword);
        screenshot(member, "auth-07-invitation-filled.png");
        member.findElement(testId("invitation-submit")).click();
        WebElement joined = visible(member, "form-message");
        assertTrue("Invitation answer: " + joined.getText(), joined.getText().toLowerCase(Locale.ROOT).contains("joined"));
        assertTrue(member.findElements(testId("form-error")).isEmpty());
        screenshot(member, "auth-08-joined.png");

        // 6. The colleague signs in, sees the organization and both people.
        signIn(member, server.httpsBase(), memberEmail, memberPassword);
        WebElement memberOrg = visible(member, "org-name");
        assertTrue("Header: " + memberOrg.getText(), memberOrg.getText().contains(orgName));
        assertTrue("Header: " + memberOrg.getText(), memberOrg.getText().contains("Member"));
        screenshot(member, "auth-09-member-signed-in.png");
        member.get(server.httpsBase() + "/admin/members");
        WebElement table = visible(member, "members-table");
        new WebDriverWait(member, WAIT).until(d -> d.findElements(testId("member-row")).size() == 2);
        visible(member, "members-readonly");
        assertTrue("A Member sees no invite form", member.findElements(testId("invite-form")).isEmpty());
        String rows = table.getText();
        for (String expected : List.of(ownerName, ownerEmail, "Owner", memberName + " (you)", memberEmail, "Member")) {
            assertTrue("members table lacks '" + expected + "': " + rows, rows.contains(expected));
        }
        screenshot(member, "auth-10-members.png");

        // The table shows what the API answers to the same session.
        JsonNode memberSession = session(member);
        assertEquals("MEMBER", memberSession.at("/organization/role").asText());
        JsonNode members = api(member, "/api/orgs/" + memberSession.at("/organization/id").asText() + "/members");
        Set<String> apiEmails = new HashSet<>();
        for (JsonNode m : members) {
            apiEmails.add(m.get("email").asText());
        }
        assertEquals(Set.of(ownerEmail, memberEmail), apiEmails);
        Set<String> uiEmails = member.findElements(testId("member-row")).stream()
                .map(row -> row.findElements(By.tagName("td")).get(1).getText())
                .collect(Collectors.toSet());
        assertEquals(apiEmails, uiEmails);

        // The owner's list now has both people and no pending invitation.
        owner.get(server.httpsBase() + "/admin/members");
        visible(owner, "members-table");
        new WebDriverWait(owner, WAIT).until(d -> d.findElements(testId("member-row")).size() == 2);
        visible(owner, "invitations-empty");
        screenshot(owner, "auth-11-owner-members.png");
    }

    // ---- helpers ----

    /** The Session the UI keeps in sessionStorage (ui/README.md). */
    private static JsonNode session(WebDriver driver) throws IOException {
        Object stored = ((JavascriptExecutor) driver).executeScript(
                "return window.sessionStorage.getItem('sightline.session');");
        assertNotNull("No session in sessionStorage", stored);
        return JSON.readTree(stored.toString());
    }

    /** GET through the API with the browser's access token. */
    private static JsonNode api(WebDriver driver, String path) throws Exception {
        HttpResponse<String> response = server.request("GET", path, null, session(driver).get("accessToken").asText());
        assertEquals(path + ": " + response.body(), 200, response.statusCode());
        return JSON.readTree(response.body());
    }

    /** Waits for an email to {@code address} with a link to {@code page}; answers the whole link. */
    private static String link(String address, String page) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage message : mail.getReceivedMessages()) {
                if (message.getRecipients(Message.RecipientType.TO)[0].toString().equalsIgnoreCase(address)) {
                    String body = GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "=");
                    Matcher link = LINK.matcher(body);
                    if (link.find() && link.group(2).equals(page)) {
                        assertTrue("Link outside the server: " + link.group(1), link.group(1).startsWith(server.httpsBase() + "/"));
                        return link.group(1);
                    }
                }
            }
            mail.waitForIncomingEmail(1000, mail.getReceivedMessages().length + 1);
        }
        throw new AssertionError("no email to " + address + " with a /" + page + " link within 30 s");
    }

    /** A fresh browser: a new profile, so a new sessionStorage. */
    private static ChromeDriver newBrowser() throws IOException {
        return browsers.open();
    }
}
