package io.sightline.auth.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sightline.api.account.AccountStore;
import io.sightline.api.account.Organization;
import io.sightline.api.account.Role;
import io.sightline.api.account.User;
import io.sightline.api.audit.AuditEvent;
import io.sightline.api.rest.ApiException;

/**
 * One-time setup: while the installation has no Owner, a random setup token is printed once
 * to the console and the log, with the URL to open; {@code POST /api/setup} with it creates the
 * first Owner (confirmed, no email) and the first organization. Only the token's SHA-256 is kept,
 * in memory: a restart prints a new token and the old one dies. The token is never in an API answer
 * (Metabase's CVE-2023-38646 began with a setup token that an API handed out).
 *
 * <p>Immediate, so the token is printed when the server starts, not at the first request.
 * Thread-safe: the token is consumed atomically, so two racing requests cannot both set up.
 */
@Component(service = Setup.class, immediate = true, configurationPid = "io.sightline.auth")
public class Setup {
    static final String NOT_FOUND = "Setup is done: sign in instead.";
    static final String WRONG_TOKEN = "The setup token is wrong. Use the link printed in the server console "
            + "and log when the server started (a restart prints a new one).";
    private static final Logger LOG = LoggerFactory.getLogger(Setup.class);

    private final AuthService auth;
    private final AccountStore accounts;
    /** SHA-256 of the current token, or null once used or when no setup is due. */
    private final AtomicReference<byte[]> tokenHash = new AtomicReference<>();

    @Activate
    public Setup(@Reference AuthService auth, @Reference AccountStore accounts, AuthConfig config) {
        this.auth = auth;
        this.accounts = accounts;
        if (auth.setupRequired()) {
            String token = Secrets.newToken();
            tokenHash.set(digest(token));
            announce(setupUrl(config.public_url(), token));
        }
    }

    static String setupUrl(String publicUrl, String token) {
        String base = publicUrl == null || publicUrl.isBlank() ? "https://localhost:8443" : publicUrl.strip();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/setup?token=" + token;
    }

    /** The only places the clear token ever goes: the console and the log, once per start. */
    private static void announce(String url) {
        String text = "Sightline needs its first account. Open this link once to create the Owner: " + url;
        System.out.println();
        System.out.println(text);
        System.out.println();
        LOG.warn(text);
    }

    /** Whether setup is still due (no Owner exists yet). */
    public boolean required() {
        return auth.setupRequired();
    }

    /**
     * Creates the first Owner and organization and signs the Owner in.
     *
     * @throws ApiException 404 when setup is done, 429 when the address failed too often, 403 on a
     *     wrong or missing token, 400 naming the field of a bad value
     */
    public AuthService.Issued complete(String token, String email, String password, String displayName,
            String organizationName, String address) {
        if (!auth.setupRequired()) {
            throw ApiException.notFound(NOT_FOUND);
        }
        Instant now = Instant.now();
        auth.checkThrottle(address, now);
        byte[] expected = tokenHash.get();
        if (expected == null || token == null || token.isBlank() || token.length() > 200
                || !MessageDigest.isEqual(expected, digest(token.strip()))) {
            auth.recordFailedAttempt(address, now);
            auth.audit(AuditEvent.now(null, null, null, address, "setup.failed", null, null, "wrong or missing token"));
            throw new ApiException(403, "forbidden", WRONG_TOKEN, "token");
        }
        String mail = AuthService.requireEmail("email", email);
        String name = AuthService.requireText("displayName", displayName);
        PasswordPolicy.check("password", password);
        String orgName = AuthService.requireText("organizationName", organizationName);
        String hash = auth.hashPassword(password);
        // Checked values first, so a typo does not burn the token; then only one request wins it.
        if (!tokenHash.compareAndSet(expected, null)) {
            throw ApiException.notFound(NOT_FOUND);
        }
        User user;
        try {
            user = accounts.createUser(mail, name, hash, true);
        } catch (IllegalStateException | IllegalArgumentException e) {
            tokenHash.compareAndSet(null, expected); // nothing was created: the token still works
            throw ApiException.badRequest("email", "This email address cannot be used. Choose another one.");
        }
        // An organization made before setup without an Owner (none should exist) stays the installation's.
        Organization org = accounts.installationOrganization().orElseGet(() -> accounts.createOrganization(orgName));
        accounts.addMember(org.id(), user.id(), Role.OWNER);
        auth.setupDone();
        auth.audit(AuditEvent.now(org.id(), user.id(), mail, address, "account.setup", "organization", org.id(),
                "first Owner created with the setup token"));
        LOG.info("Setup done: the first Owner and organization were created; the setup token is used up.");
        return auth.signInAfterSetup(user.id(), org.id(), address);
    }

    private static byte[] digest(String token) {
        return Secrets.sha256(token).getBytes(StandardCharsets.US_ASCII);
    }
}
