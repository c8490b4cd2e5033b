package io.sightline.api.account;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Persistence of organizations, users and memberships.
 *
 * <p>Every organization-scoped method takes the caller's organization id and the implementation
 * filters by it in the persistence layer: asking for another organization's row finds
 * nothing. Thread-safe.
 */
@ProviderType
public interface AccountStore {

    Organization createOrganization(String name);

    Optional<Organization> findOrganization(String organizationId);

    /**
     * The first organization created on this installation (at setup, A-10). Its Owners administer
     * the installation itself: master key rotation, modules.
     */
    Optional<Organization> installationOrganization();

    /**
     * Creates a user without a password; the email is stored trimmed and lower-cased.
     *
     * @throws IllegalArgumentException when the email is malformed
     * @throws IllegalStateException when the email is already registered
     */
    User createUser(String email, String displayName);

    Optional<User> findUserByEmail(String email);

    Membership addMember(String organizationId, String userId, Role role);

    /** Members of one organization, oldest first. */
    List<Membership> members(String organizationId);

    /** One membership, only if it belongs to {@code organizationId}. */
    Optional<Membership> findMembership(String organizationId, String membershipId);

    // ---- sign-in ----

    /**
     * Creates a user with a password hash.
     *
     * @throws IllegalArgumentException when the email is malformed
     * @throws IllegalStateException when the email is already registered
     */
    User createUser(String email, String displayName, String passwordHash, boolean emailConfirmed);

    Optional<User> findUser(String userId);

    Optional<Credentials> credentialsByEmail(String email);

    Optional<Credentials> credentials(String userId);

    void setPasswordHash(String userId, String passwordHash);

    void confirmEmail(String userId);

    /** @throws IllegalStateException when the new address is already registered */
    void changeEmail(String userId, String newEmail);

    User changeDisplayName(String userId, String displayName);

    /**
     * Sets the user's time zone.
     *
     * @param timeZone an IANA id already checked with {@link java.time.ZoneId#of}, or null to clear it
     */
    User changeTimeZone(String userId, String timeZone);

    void updateSignInState(String userId, SignInState state);

    /** Every organization the user belongs to, oldest membership first. */
    List<OrganizationRole> organizationsOf(String userId);

    Optional<Membership> membershipOf(String organizationId, String userId);

    Membership changeRole(String organizationId, String membershipId, Role role);

    /** @return whether a membership of {@code organizationId} was removed */
    boolean removeMember(String organizationId, String membershipId);

    // ---- emailed single-use tokens and invitations ----

    void issueEmailToken(String tokenHash, String userId, EmailToken.Kind kind, String detail, java.time.Instant expiresAt);

    /**
     * Marks the token used and returns it, if it exists, is of {@code kind}, unused and unexpired;
     * a second call with the same hash finds nothing.
     */
    Optional<EmailToken> consumeEmailToken(String tokenHash, EmailToken.Kind kind);

    Invitation createInvitation(
            String organizationId, String email, Role role, String invitedBy, String tokenHash, java.time.Instant expiresAt);

    /** Unaccepted, unexpired invitations of one organization. */
    List<Invitation> pendingInvitations(String organizationId);

    /** Marks the invitation accepted and returns it, if unaccepted and unexpired. */
    Optional<Invitation> consumeInvitation(String tokenHash);

    // ---- personal API tokens ----

    ApiToken createApiToken(String organizationId, String userId, String name, Role role, String tokenHash,
            java.time.Instant expiresAt);

    /** The user's unrevoked tokens in one organization, newest first. */
    List<ApiToken> apiTokens(String organizationId, String userId);

    /** @return whether a token of this user and organization was revoked */
    boolean revokeApiToken(String organizationId, String userId, String tokenId);

    /** The token with this hash if unrevoked and unexpired; records the use. */
    Optional<ApiToken> useApiToken(String tokenHash);
}
