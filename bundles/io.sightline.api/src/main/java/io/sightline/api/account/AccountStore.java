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
     * Creates a user; the email is stored trimmed and lower-cased.
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
}
