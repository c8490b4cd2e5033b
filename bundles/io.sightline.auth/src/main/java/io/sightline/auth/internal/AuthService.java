package io.sightline.auth.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sightline.api.account.AccountStore;
import io.sightline.api.account.Credentials;
import io.sightline.api.account.EmailAddress;
import io.sightline.api.account.EmailToken;
import io.sightline.api.account.Invitation;
import io.sightline.api.account.Membership;
import io.sightline.api.account.Organization;
import io.sightline.api.account.OrganizationRole;
import io.sightline.api.account.Role;
import io.sightline.api.account.SignInState;
import io.sightline.api.account.User;
import io.sightline.api.audit.AuditEvent;
import io.sightline.api.audit.AuditLog;
import io.sightline.api.auth.AuthSession;
import io.sightline.api.auth.Caller;
import io.sightline.api.auth.SessionStore;
import io.sightline.api.notify.EmailMessage;
import io.sightline.api.notify.Mailer;
import io.sightline.api.rest.ApiException;

/**
 * Every account flow: sign-up, confirmation, sign-in with lockout, sessions, password reset,
 * unlock, invitations, email and password changes (A-1 … A-5). Answers that could tell whether an
 * email is registered are the same either way, and both ways hash a password so they take about
 * the same time.
 */
@Component(service = AuthService.class, configurationPid = "io.sightline.auth")
@Designate(ocd = AuthConfig.class)
public class AuthService {
    static final String INVALID_CREDENTIALS = "Email or password is wrong, or the account is locked. "
            + "If it is locked, the unlock link we emailed lifts the lock.";
    /** Marks personal API tokens, so that secret scanners and people can tell them apart. */
    static final String API_TOKEN_PREFIX = "slpat_";
    private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);

    private final AccountStore accounts;
    private final SessionStore sessions;
    private final Mailer mailer;
    private final AuthConfig config;
    private final PasswordHasher hasher;
    private final IpThrottle throttle;
    /** Verified against for unknown emails, so that they cost as much time as known ones. */
    private final String dummyHash;
    /** Optional so that the audit module can be swapped while sign-ins go on. */
    private volatile AuditLog audit;
    /** Set once an Owner exists; an installation never goes back to needing setup. */
    private volatile boolean setupDone;

    @Activate
    public AuthService(@Reference AccountStore accounts, @Reference SessionStore sessions, @Reference Mailer mailer,
            AuthConfig config) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.mailer = mailer;
        this.config = config;
        this.hasher = new PasswordHasher(config.argon2_memory_kib(), config.argon2_iterations(), config.argon2_parallelism());
        this.throttle = new IpThrottle(config.ip_failures_per_window(), Duration.ofMinutes(15));
        this.dummyHash = hasher.hash(Secrets.newToken());
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setAudit(AuditLog log) {
        this.audit = log;
    }

    void unsetAudit(AuditLog log) {
        if (this.audit == log) {
            this.audit = null;
        }
    }

    /** Records an event in the audit log (AU-1); never fails the caller's request. */
    public void audit(AuditEvent event) {
        AuditLog log = audit;
        if (log != null) {
            log.record(event);
        } else {
            LOG.warn("Audit log unavailable: {} not recorded", event.action());
        }
    }

    /**
     * Records an event about a user in each of their organizations, where their admins look; in the
     * platform log when they belong to none (or are unknown: then only a well-formed email is kept,
     * since people type passwords into email fields).
     */
    void auditUser(String userId, String email, String address, String action, String details) {
        AuditEvent event = AuditEvent.now(null, userId, email == null || EmailAddress.isValid(email) ? email : null,
                address, action, userId == null ? null : "user", userId, details);
        List<OrganizationRole> organizations = userId == null ? List.of() : accounts.organizationsOf(userId);
        if (organizations.isEmpty()) {
            audit(event);
        }
        for (OrganizationRole o : organizations) {
            audit(event.inOrganization(o.organization().id()));
        }
    }

    /** What sign-in and refresh hand out: the tokens in clear, once. */
    public record Issued(String accessToken, String refreshToken, AuthSession session) {}

    // ---- sign-up and confirmation ----

    public void signUp(String email, String password, String displayName, String organizationName, String source) {
        if (setupRequired()) {
            // The first account is always the setup one: its Owner runs the installation.
            throw new ApiException(409, "setup_required", "Finish setup first: open the setup link printed in the "
                    + "server console and log when it started (" + config.public_url() + "/setup?token=…).", null);
        }
        String address = requireEmail("email", email);
        PasswordPolicy.check("password", password);
        String name = requireText("displayName", displayName);
        String orgName = requireText("organizationName", organizationName);
        String hash = hasher.hash(password);
        if (accounts.findUserByEmail(address).isPresent()) {
            mailer.send(new EmailMessage(address, "Sign-up attempt on Sightline",
                    "Someone tried to create a Sightline account with this address, which already has one.\n"
                            + "If it was you, sign in or reset your password at " + config.public_url() + "/forgot-password\n"
                            + "If not, you can ignore this message."));
            return;
        }
        User user;
        try {
            user = accounts.createUser(address, name, hash, false);
        } catch (IllegalStateException raced) {
            return; // registered meanwhile: same answer as above
        }
        Organization org = accounts.createOrganization(orgName);
        accounts.addMember(org.id(), user.id(), Role.OWNER);
        audit(AuditEvent.now(org.id(), user.id(), address, source, "account.signup", "organization", org.id(), null));
        sendLink(user.id(), address, EmailToken.Kind.CONFIRM_ACCOUNT, null, Duration.ofHours(config.confirm_link_hours()),
                "Confirm your Sightline account", "Confirm your email address to start using Sightline:", "/confirm");
    }

    /** Confirms a new account or a changed email address. */
    public void confirm(String token, String source) {
        String hash = tokenHash(token);
        Optional<EmailToken> account = accounts.consumeEmailToken(hash, EmailToken.Kind.CONFIRM_ACCOUNT);
        if (account.isPresent()) {
            accounts.confirmEmail(account.get().userId());
            auditUser(account.get().userId(), null, source, "account.email_confirmed", null);
            return;
        }
        EmailToken change = accounts.consumeEmailToken(hash, EmailToken.Kind.CONFIRM_EMAIL_CHANGE).orElseThrow(AuthService::badLink);
        try {
            accounts.changeEmail(change.userId(), change.detail());
        } catch (IllegalStateException taken) {
            throw new ApiException(409, "conflict", "That email address now belongs to another account.", "email");
        }
        accounts.confirmEmail(change.userId());
        auditUser(change.userId(), null, source, "account.email_change", "email address changed");
    }

    // ---- one-time setup, used by Setup ----

    /** Whether the installation has no Owner yet, so its first account must come from setup. */
    public boolean setupRequired() {
        if (setupDone) {
            return false;
        }
        boolean owned = accounts.installationOrganization()
                .map(org -> accounts.members(org.id()).stream().anyMatch(m -> m.role() == Role.OWNER))
                .orElse(false);
        if (owned) {
            setupDone = true;
        }
        return !owned;
    }

    void setupDone() {
        setupDone = true;
    }

    /** @throws ApiException 429 when the address failed too often lately (shared with sign-in) */
    void checkThrottle(String address, Instant now) {
        if (throttle.blocked(address, now)) {
            throw new ApiException(429, "too_many_attempts",
                    "Too many failed attempts from your address. Wait 15 minutes and try again.", null);
        }
    }

    void recordFailedAttempt(String address, Instant now) {
        throttle.recordFailure(address, now);
    }

    String hashPassword(String password) {
        return hasher.hash(password);
    }

    /** A session for the Owner setup just created, as sign-in gives (the setup page lands signed in). */
    Issued signInAfterSetup(String userId, String organizationId, String address) {
        Instant now = Instant.now();
        Issued issued = issue(userId, organizationId, now, now);
        auditUser(userId, null, address, "auth.login", "after setup");
        return issued;
    }

    // ---- sign-in, sessions ----

    public Issued signIn(String email, String password, String address) {
        Instant now = Instant.now();
        checkThrottle(address, now);
        if (email == null || password == null || email.length() > 320 || password.length() > PasswordPolicy.MAX) {
            throw ApiException.badRequest(email == null ? "email" : "password", "Enter your email address and password.");
        }
        Optional<Credentials> found = accounts.credentialsByEmail(email);
        if (found.isEmpty() || found.get().passwordHash() == null) {
            hasher.verify(password, dummyHash);
            auditUser(found.map(c -> c.user().id()).orElse(null), email.strip(), address, "auth.login_failed",
                    found.isEmpty() ? "unknown account" : "account has no password");
            throw failed(address, now);
        }
        Credentials credentials = found.get();
        boolean matches = hasher.verify(password, credentials.passwordHash());
        SignInState state = credentials.state();
        String userId = credentials.user().id();
        if (state.lockedAt(now)) {
            auditUser(userId, null, address, "auth.login_failed", "account locked");
            throw failed(address, now); // a locked account does not confirm a right guess
        }
        if (!matches) {
            auditUser(userId, null, address, "auth.login_failed", "wrong password");
            recordFailure(credentials, now, address);
            throw failed(address, now);
        }
        if (!credentials.emailConfirmed()) {
            throw new ApiException(403, "email_not_confirmed",
                    "Confirm your email address first: follow the link we sent when you signed up.", "email");
        }
        if (!state.equals(new SignInState(0, state.lockCount(), null))) {
            accounts.updateSignInState(userId, new SignInState(0, state.lockCount(), null));
        }
        if (hasher.needsRehash(credentials.passwordHash())) {
            accounts.setPasswordHash(userId, hasher.hash(password));
        }
        List<OrganizationRole> organizations = accounts.organizationsOf(userId);
        String organization = organizations.isEmpty() ? null : organizations.get(0).organization().id();
        Issued issued = issue(userId, organization, now, now);
        auditUser(userId, null, address, "auth.login", null);
        return issued;
    }

    private void recordFailure(Credentials credentials, Instant now, String address) {
        SignInState state = credentials.state();
        int failures = state.failedLogins() + 1;
        if (failures < config.lockout_threshold()) {
            accounts.updateSignInState(credentials.user().id(), new SignInState(failures, state.lockCount(), null));
            return;
        }
        int locks = state.lockCount() + 1;
        Duration lock = lockLength(locks, Duration.ofMinutes(config.lockout_minutes()), Duration.ofHours(config.lockout_max_hours()));
        accounts.updateSignInState(credentials.user().id(), new SignInState(0, locks, now.plus(lock)));
        auditUser(credentials.user().id(), null, address, "auth.lockout",
                "locked for " + lock.toMinutes() + " minutes after " + config.lockout_threshold() + " failed sign-ins (lock " + locks + ")");
        sendLink(credentials.user().id(), credentials.user().email(), EmailToken.Kind.UNLOCK, null,
                Duration.ofHours(config.lockout_max_hours()), "Your Sightline account is locked",
                "After " + config.lockout_threshold() + " failed sign-ins your account is locked for "
                        + lock.toMinutes() + " minutes. If it was you, this link lifts the lock at once:",
                "/unlock");
    }

    /** 15 min, 30 min, 1 h, … doubling per lock, never more than the maximum. */
    static Duration lockLength(int lockNumber, Duration first, Duration max) {
        Duration length = first;
        for (int i = 1; i < lockNumber && length.compareTo(max) < 0; i++) {
            length = length.multipliedBy(2);
        }
        return length.compareTo(max) > 0 ? max : length;
    }

    private ApiException failed(String address, Instant now) {
        throttle.recordFailure(address, now);
        return new ApiException(401, "invalid_credentials", INVALID_CREDENTIALS, null);
    }

    private Issued issue(String userId, String organizationId, Instant createdAt, Instant now) {
        String access = Secrets.newToken();
        String refresh = Secrets.newToken();
        AuthSession session = new AuthSession(Secrets.sha256(access), Secrets.sha256(refresh), userId, organizationId, createdAt, now);
        sessions.put(session);
        return new Issued(access, refresh, session);
    }

    /** New tokens for a valid refresh token; the old pair stops working (rotation). */
    public Issued refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw ApiException.badRequest("refreshToken", "Required.");
        }
        Instant now = Instant.now();
        AuthSession old = sessions.findByRefreshHash(Secrets.sha256(refreshToken))
                .filter(s -> now.isBefore(s.createdAt().plus(Duration.ofHours(config.session_absolute_hours()))))
                .orElseThrow(() -> new ApiException(401, "session_expired", "Your session has ended. Sign in again.", null));
        sessions.remove(old.id());
        return issue(old.userId(), old.organizationId(), old.createdAt(), now);
    }

    /** The caller behind an access token or personal API token, if it is alive. */
    /** How stale a session's last-seen time may be; tiny next to the idle timeout (minutes). */
    private static final Duration LAST_SEEN_PRECISION = Duration.ofSeconds(15);

    public Optional<Caller> resolve(String accessToken) {
        if (accessToken.startsWith(API_TOKEN_PREFIX)) {
            return resolveApiToken(accessToken);
        }
        Instant now = Instant.now();
        Optional<AuthSession> found = sessions.get(Secrets.sha256(accessToken));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        AuthSession session = found.get();
        boolean idle = now.isAfter(session.lastSeen().plus(Duration.ofMinutes(config.session_idle_minutes())));
        boolean old = now.isAfter(session.createdAt().plus(Duration.ofHours(config.session_absolute_hours())));
        if (idle || old) {
            sessions.remove(session.id());
            return Optional.empty();
        }
        if (now.isAfter(session.lastSeen().plus(LAST_SEEN_PRECISION))) {
            sessions.put(session.withLastSeen(now)); // not on every request: the session store may be shared
        }
        Role role = session.organizationId() == null ? null
                : accounts.membershipOf(session.organizationId(), session.userId()).map(Membership::role).orElse(null);
        return Optional.of(new Caller(session.userId(), role == null ? null : session.organizationId(), role, session.id()));
    }

    /** An API token acts with its own role, but never above the user's current role. */
    private Optional<Caller> resolveApiToken(String token) {
        return accounts.useApiToken(Secrets.sha256(token)).flatMap(t -> accounts.membershipOf(t.organizationId(), t.userId())
                .map(m -> new Caller(t.userId(), t.organizationId(), m.role().includes(t.role()) ? t.role() : m.role(),
                        "token:" + t.id())));
    }

    /** A new personal API token; the clear text is returned this once. */
    public String createApiToken(Caller caller, String name, Role role, Integer expiresInDays) {
        if (caller.organizationId() == null) {
            throw new ApiException(403, "forbidden", "Choose an organization first.", null);
        }
        String label = requireText("name", name);
        if (label.length() > 100) {
            throw ApiException.badRequest("name", "Use at most 100 characters.");
        }
        if (role == null) {
            throw ApiException.badRequest("role", "Choose a role.");
        }
        if (!caller.role().includes(role)) {
            throw ApiException.badRequest("role", "A token cannot have a higher role than yours ("
                    + caller.role().name().toLowerCase() + ").");
        }
        int days = expiresInDays == null ? 90 : expiresInDays;
        if (days < 1 || days > 365) {
            throw ApiException.badRequest("expiresInDays", "Choose between 1 and 365 days.");
        }
        String token = API_TOKEN_PREFIX + Secrets.newToken();
        accounts.createApiToken(caller.organizationId(), caller.userId(), label, role, Secrets.sha256(token),
                Instant.now().plus(Duration.ofDays(days)));
        audit(AuditEvent.by(caller, "api_token.create", "api_token", null,
                "name=" + label + ", role=" + role + ", days=" + days));
        return token;
    }

    public void signOut(Caller caller) {
        sessions.remove(caller.sessionId());
        auditUser(caller.userId(), null, caller.sourceAddress(), "auth.logout", null);
    }

    public void switchOrganization(Caller caller, String organizationId) {
        accounts.membershipOf(organizationId, caller.userId())
                .orElseThrow(() -> ApiException.notFound("No such organization."));
        sessions.get(caller.sessionId()).ifPresent(s -> sessions.put(s.withOrganization(organizationId)));
    }

    // ---- password reset, unlock ----

    public void requestPasswordReset(String email, String source) {
        if (email == null || email.length() > 320) {
            throw ApiException.badRequest("email", "Enter your email address.");
        }
        accounts.credentialsByEmail(email).ifPresent(c -> auditUser(c.user().id(), null, source,
                "account.password_reset_requested", null));
        accounts.credentialsByEmail(email).ifPresent(c -> sendLink(c.user().id(), c.user().email(),
                EmailToken.Kind.PASSWORD_RESET, null, Duration.ofMinutes(config.reset_link_minutes()),
                "Reset your Sightline password",
                "Someone asked to reset the password of this account. If it was you, choose a new password here "
                        + "within " + config.reset_link_minutes() + " minutes:",
                "/reset-password"));
    }

    public void resetPassword(String token, String password, String source) {
        PasswordPolicy.check("password", password);
        EmailToken reset = accounts.consumeEmailToken(tokenHash(token), EmailToken.Kind.PASSWORD_RESET).orElseThrow(AuthService::badLink);
        accounts.setPasswordHash(reset.userId(), hasher.hash(password));
        // Reading the email proved the address; a reset also lifts a lock.
        accounts.confirmEmail(reset.userId());
        accounts.credentials(reset.userId()).ifPresent(c ->
                accounts.updateSignInState(reset.userId(), new SignInState(0, c.state().lockCount(), null)));
        sessions.removeAllOf(reset.userId());
        auditUser(reset.userId(), null, source, "account.password_reset", "every session ended");
    }

    public void unlock(String token, String source) {
        EmailToken unlock = accounts.consumeEmailToken(tokenHash(token), EmailToken.Kind.UNLOCK).orElseThrow(AuthService::badLink);
        accounts.credentials(unlock.userId()).ifPresent(c ->
                accounts.updateSignInState(unlock.userId(), new SignInState(0, c.state().lockCount(), null)));
        auditUser(unlock.userId(), null, source, "account.unlock", null);
    }

    // ---- profile ----

    public void requestEmailChange(Caller caller, String newEmail, String password) {
        String address = requireEmail("email", newEmail);
        Credentials credentials = accounts.credentials(caller.userId()).orElseThrow();
        if (password == null || credentials.passwordHash() == null || !hasher.verify(password, credentials.passwordHash())) {
            throw ApiException.badRequest("password", "The password is wrong.");
        }
        if (accounts.findUserByEmail(address).isPresent()) {
            mailer.send(new EmailMessage(address, "Email change attempt on Sightline",
                    "Someone tried to move a Sightline account to this address, which already has one. "
                            + "You can ignore this message."));
            return;
        }
        sendLink(caller.userId(), address, EmailToken.Kind.CONFIRM_EMAIL_CHANGE, address,
                Duration.ofHours(config.confirm_link_hours()), "Confirm your new email address",
                "Confirm that this address should be used for your Sightline account:", "/confirm");
        auditUser(caller.userId(), null, caller.sourceAddress(), "account.email_change_requested", "waiting for confirmation");
    }

    public void changePassword(Caller caller, String current, String replacement) {
        Credentials credentials = accounts.credentials(caller.userId()).orElseThrow();
        if (current == null || credentials.passwordHash() == null || !hasher.verify(current, credentials.passwordHash())) {
            throw ApiException.badRequest("currentPassword", "The current password is wrong.");
        }
        PasswordPolicy.check("newPassword", replacement);
        accounts.setPasswordHash(caller.userId(), hasher.hash(replacement));
        // Every other session ends; the one that made the change goes on.
        Optional<AuthSession> kept = sessions.get(caller.sessionId());
        sessions.removeAllOf(caller.userId());
        kept.ifPresent(sessions::put);
        auditUser(caller.userId(), null, caller.sourceAddress(), "account.password_change", "other sessions ended");
    }

    // ---- invitations ----

    public void invite(Caller caller, String email, Role role) {
        String address = requireEmail("email", email);
        if (role == null) {
            throw ApiException.badRequest("role", "Choose a role.");
        }
        if (role == Role.OWNER && caller.role() != Role.OWNER) {
            throw ApiException.badRequest("role", "Only an Owner can invite another Owner.");
        }
        accounts.findUserByEmail(address)
                .flatMap(u -> accounts.membershipOf(caller.organizationId(), u.id()))
                .ifPresent(m -> {
                    throw new ApiException(409, "conflict", "This person is already a member.", "email");
                });
        String token = Secrets.newToken();
        Organization org = accounts.findOrganization(caller.organizationId()).orElseThrow();
        accounts.createInvitation(caller.organizationId(), address, role, caller.userId(), Secrets.sha256(token),
                Instant.now().plus(Duration.ofDays(config.invitation_days())));
        audit(AuditEvent.by(caller, "member.invite", "invitation", null, "email=" + address + ", role=" + role));
        mailer.send(new EmailMessage(address, "You are invited to " + org.name() + " on Sightline",
                "You are invited to join " + org.name() + " on Sightline as " + role.name().toLowerCase() + ".\n"
                        + "Accept within " + config.invitation_days() + " days: "
                        + config.public_url() + "/invitation?token=" + token + "\n"));
    }

    public void acceptInvitation(String token, String displayName, String password, String source) {
        String name = requireText("displayName", displayName);
        PasswordPolicy.check("password", password);
        Invitation invitation = accounts.consumeInvitation(tokenHash(token)).orElseThrow(AuthService::badLink);
        // The emailed token proves the address, so a new account starts confirmed.
        User user = accounts.findUserByEmail(invitation.email())
                .orElseGet(() -> accounts.createUser(invitation.email(), name, hasher.hash(password), true));
        if (accounts.membershipOf(invitation.organizationId(), user.id()).isEmpty()) {
            Membership joined = accounts.addMember(invitation.organizationId(), user.id(), invitation.role());
            audit(AuditEvent.now(invitation.organizationId(), user.id(), user.email(), source, "member.join", "member",
                    joined.id(), "role=" + invitation.role()));
        }
    }

    // ---- helpers ----

    private void sendLink(String userId, String address, EmailToken.Kind kind, String detail, Duration validity,
            String subject, String intro, String page) {
        String token = Secrets.newToken();
        accounts.issueEmailToken(Secrets.sha256(token), userId, kind, detail, Instant.now().plus(validity));
        mailer.send(new EmailMessage(address, subject, intro + "\n\n" + config.public_url() + page + "?token=" + token
                + "\n\nIf you did not ask for this, you can ignore this message.\n"));
    }

    private static String tokenHash(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            throw badLink();
        }
        return Secrets.sha256(token.strip());
    }

    private static ApiException badLink() {
        return ApiException.badRequest("token", "This link is invalid, has expired or was already used. Ask for a new one.");
    }

    static String requireEmail(String field, String email) {
        if (email == null || email.isBlank()) {
            throw ApiException.badRequest(field, "Enter an email address.");
        }
        String trimmed = email.strip();
        if (!EmailAddress.isValid(trimmed)) {
            throw ApiException.badRequest(field, "Enter an email address in the form name@example.com.");
        }
        return trimmed;
    }

    static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field, "Required.");
        }
        if (value.strip().length() > 200) {
            throw ApiException.badRequest(field, "Use at most 200 characters.");
        }
        return value.strip();
    }
}
