package io.sightline.store.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sightline.api.account.AccountStore;
import io.sightline.api.account.ApiToken;
import io.sightline.api.account.Credentials;
import io.sightline.api.account.EmailAddress;
import io.sightline.api.account.EmailToken;
import io.sightline.api.account.Invitation;
import io.sightline.api.account.OrganizationRole;
import io.sightline.api.account.SignInState;
import io.sightline.api.account.Membership;
import io.sightline.api.account.Organization;
import io.sightline.api.account.OrganizationListener;
import io.sightline.api.account.Role;
import io.sightline.api.account.User;

/** {@link AccountStore} over the platform persistence unit. */
@Component(service = AccountStore.class)
public class JpaAccountStore implements AccountStore {

    /**
     * EclipseLink refuses native SQL in a unit with multitenant entities, since it bypasses the
     * tenant filter; the two deliberate cross-organization look-ups here opt in one by one.
     */

    private static final Logger LOG = LoggerFactory.getLogger(JpaAccountStore.class);
    private final Tenancy tenancy;
    /** Membership answers: every authenticated request asks for the caller's role. */
    private final ReadCache<String, Optional<Membership>> memberships = new ReadCache<>();

    /** Told of new organizations (e.g. the demo module); replaced whole by DS as they come and go. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile List<OrganizationListener> listeners = List.of();

    @Activate
    public JpaAccountStore(@Reference(target = PlatformDatabase.UNIT_FILTER) EntityManagerFactory emf) {
        this.tenancy = new Tenancy(emf);
    }

    @Override
    public Organization createOrganization(String name) {
        String trimmed = requireText("name", name, 200);
        OrganizationEntity org = new OrganizationEntity(newId(), trimmed, now());
        Organization created = tenancy.platformWide(em -> {
            em.persist(org);
            return org.toRecord();
        });
        for (OrganizationListener listener : listeners) {
            try {
                listener.organizationCreated(created);
            } catch (RuntimeException e) {
                LOG.warn("An organization listener failed: {}", e.toString());
            }
        }
        return created;
    }

    @Override
    public Optional<Organization> findOrganization(String organizationId) {
        return tenancy.platformWide(em -> Optional.ofNullable(em.find(OrganizationEntity.class, organizationId))
                .map(OrganizationEntity::toRecord));
    }

    @Override
    public Optional<Organization> installationOrganization() {
        return tenancy.platformWide(em -> em
                .createQuery("SELECT o FROM Organization o ORDER BY o.createdAt, o.id", OrganizationEntity.class)
                .setMaxResults(1)
                .getResultStream().findFirst().map(OrganizationEntity::toRecord));
    }

    @Override
    public User createUser(String email, String displayName) {
        return createUser(email, displayName, null, false);
    }

    @Override
    public User createUser(String email, String displayName, String passwordHash, boolean emailConfirmed) {
        String normalized = normalizeEmail(email);
        if (!EmailAddress.isValid(normalized)) {
            throw new IllegalArgumentException("email: not a valid email address");
        }
        String name = displayName == null || displayName.isBlank() ? null : requireText("displayName", displayName, 200);
        return tenancy.platformWide(em -> {
            if (!em.createQuery("SELECT u.id FROM User u WHERE u.email = :email")
                    .setParameter("email", normalized)
                    .getResultList()
                    .isEmpty()) {
                throw new IllegalStateException("email: already registered");
            }
            UserEntity user = new UserEntity(newId(), normalized, name, now());
            user.setPasswordHash(passwordHash);
            user.setEmailConfirmed(emailConfirmed);
            em.persist(user);
            return user.toRecord();
        });
    }

    @Override
    public Optional<User> findUserByEmail(String email) {
        String normalized = normalizeEmail(email);
        return tenancy.platformWide(em -> em.createQuery("SELECT u FROM User u WHERE u.email = :email", UserEntity.class)
                .setParameter("email", normalized)
                .getResultStream()
                .findFirst()
                .map(UserEntity::toRecord));
    }

    @Override
    public Membership addMember(String organizationId, String userId, Role role) {
        return memberships.changing(() -> {
            if (role == null) {
                throw new IllegalArgumentException("role: required");
            }
            MembershipEntity membership = new MembershipEntity(newId(), userId, role, now());
            return tenancy.inOrganization(organizationId, em -> {
                em.persist(membership);
                return membership.toRecord(organizationId);
            });
        });
    }

    @Override
    public List<Membership> members(String organizationId) {
        return tenancy.inOrganization(organizationId, em -> em
                .createQuery("SELECT m FROM Membership m ORDER BY m.createdAt, m.id", MembershipEntity.class)
                .getResultStream()
                .map(m -> m.toRecord(organizationId))
                .toList());
    }

    @Override
    public Optional<Membership> findMembership(String organizationId, String membershipId) {
        return tenancy.inOrganization(organizationId, em -> Optional.ofNullable(em.find(MembershipEntity.class, membershipId))
                .map(m -> m.toRecord(organizationId)));
    }

    @Override
    public Optional<User> findUser(String userId) {
        return tenancy.platformWide(em -> Optional.ofNullable(em.find(UserEntity.class, userId)).map(UserEntity::toRecord));
    }

    @Override
    public Optional<Credentials> credentialsByEmail(String email) {
        String normalized = normalizeEmail(email);
        return tenancy.platformWide(em -> em.createQuery("SELECT u FROM User u WHERE u.email = :email", UserEntity.class)
                .setParameter("email", normalized)
                .getResultStream()
                .findFirst()
                .map(UserEntity::toCredentials));
    }

    @Override
    public Optional<Credentials> credentials(String userId) {
        return tenancy.platformWide(em -> Optional.ofNullable(em.find(UserEntity.class, userId)).map(UserEntity::toCredentials));
    }

    @Override
    public void setPasswordHash(String userId, String passwordHash) {
        updateUser(userId, user -> user.setPasswordHash(passwordHash));
    }

    @Override
    public void confirmEmail(String userId) {
        updateUser(userId, user -> user.setEmailConfirmed(true));
    }

    @Override
    public void changeEmail(String userId, String newEmail) {
        String normalized = normalizeEmail(newEmail);
        if (!EmailAddress.isValid(normalized)) {
            throw new IllegalArgumentException("email: not a valid email address");
        }
        tenancy.platformWide(em -> {
            if (!em.createQuery("SELECT u.id FROM User u WHERE u.email = :email AND u.id <> :id")
                    .setParameter("email", normalized)
                    .setParameter("id", userId)
                    .getResultList()
                    .isEmpty()) {
                throw new IllegalStateException("email: already registered");
            }
            user(em, userId).setEmail(normalized);
            return null;
        });
    }

    @Override
    public User changeDisplayName(String userId, String displayName) {
        String name = requireText("displayName", displayName, 200);
        return tenancy.platformWide(em -> {
            UserEntity user = user(em, userId);
            user.setDisplayName(name);
            return user.toRecord();
        });
    }

    @Override
    public User changeTimeZone(String userId, String timeZone) {
        String zone = timeZone == null || timeZone.isBlank() ? null : timeZone.strip();
        if (zone != null && zone.length() > 64) {
            throw new IllegalArgumentException("timeZone: at most 64 characters");
        }
        return tenancy.platformWide(em -> {
            UserEntity user = user(em, userId);
            user.setTimeZone(zone);
            return user.toRecord();
        });
    }

    @Override
    public void updateSignInState(String userId, SignInState state) {
        updateUser(userId, user -> user.setSignInState(state));
    }

    @Override
    public List<OrganizationRole> organizationsOf(String userId) {
        // Crosses organizations by design (which ones is this user in?), so it cannot go through
        // the tenant filter; it reads only the caller's own memberships.
        return tenancy.platformWide(em -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(
                            "SELECT o.id, o.name, o.created_at, m.role, m.id FROM memberships m "
                                    + "JOIN organizations o ON o.id = m.org_id WHERE m.user_id = ? "
                                    + "ORDER BY m.created_at, m.id")
                    .setParameter(1, userId)
                    .setHint(Tenancy.CROSS_TENANT, true)
                    .getResultList();
            return rows.stream()
                    .map(r -> new OrganizationRole(
                            new Organization((String) r[0], (String) r[1], ((java.sql.Timestamp) r[2]).toInstant()),
                            Role.valueOf((String) r[3]),
                            (String) r[4]))
                    .toList();
        });
    }

    @Override
    public Optional<Membership> membershipOf(String organizationId, String userId) {
        return memberships.get(organizationId + '/' + userId, () -> tenancy.inOrganization(organizationId, em -> em
                .createQuery("SELECT m FROM Membership m WHERE m.userId = :user", MembershipEntity.class)
                .setParameter("user", userId)
                .getResultStream()
                .findFirst()
                .map(m -> m.toRecord(organizationId))));
    }

    @Override
    public Membership changeRole(String organizationId, String membershipId, Role role) {
        return memberships.changing(() -> {
            if (role == null) {
                throw new IllegalArgumentException("role: required");
            }
            return tenancy.inOrganization(organizationId, em -> {
                MembershipEntity membership = em.find(MembershipEntity.class, membershipId);
                if (membership == null) {
                    throw new java.util.NoSuchElementException("membership");
                }
                membership.setRole(role);
                return membership.toRecord(organizationId);
            });
        });
    }

    @Override
    public boolean removeMember(String organizationId, String membershipId) {
        return memberships.changing(() -> {
            return tenancy.inOrganization(organizationId, em -> {
                MembershipEntity membership = em.find(MembershipEntity.class, membershipId);
                if (membership == null) {
                    return false;
                }
                em.remove(membership);
                return true;
            });
        });
    }

    @Override
    public void issueEmailToken(String tokenHash, String userId, EmailToken.Kind kind, String detail, Instant expiresAt) {
        tenancy.platformWide(em -> {
            em.persist(new EmailTokenEntity(newId(), tokenHash, userId, kind, detail, expiresAt, now()));
            return null;
        });
    }

    @Override
    public Optional<EmailToken> consumeEmailToken(String tokenHash, EmailToken.Kind kind) {
        Instant now = now();
        return tenancy.platformWide(em -> {
            // One conditional UPDATE: of two concurrent uses, exactly one wins.
            int claimed = em.createQuery("UPDATE EmailToken t SET t.usedAt = :now WHERE t.tokenHash = :hash "
                            + "AND t.kind = :kind AND t.usedAt IS NULL AND t.expiresAt > :now")
                    .setParameter("now", now)
                    .setParameter("hash", tokenHash)
                    .setParameter("kind", kind)
                    .executeUpdate();
            if (claimed != 1) {
                return Optional.<EmailToken>empty();
            }
            return em.createQuery("SELECT t FROM EmailToken t WHERE t.tokenHash = :hash", EmailTokenEntity.class)
                    .setParameter("hash", tokenHash)
                    .getResultStream()
                    .findFirst()
                    .map(EmailTokenEntity::toRecord);
        });
    }

    @Override
    public Invitation createInvitation(String organizationId, String email, Role role, String invitedBy, String tokenHash,
            Instant expiresAt) {
        String normalized = normalizeEmail(email);
        if (!EmailAddress.isValid(normalized)) {
            throw new IllegalArgumentException("email: not a valid email address");
        }
        if (role == null) {
            throw new IllegalArgumentException("role: required");
        }
        InvitationEntity invitation = new InvitationEntity(newId(), normalized, role, tokenHash, invitedBy, expiresAt, now());
        return tenancy.inOrganization(organizationId, em -> {
            em.persist(invitation);
            return invitation.toRecord(organizationId);
        });
    }

    @Override
    public List<Invitation> pendingInvitations(String organizationId) {
        Instant now = now();
        return tenancy.inOrganization(organizationId, em -> em
                .createQuery("SELECT i FROM Invitation i WHERE i.acceptedAt IS NULL AND i.expiresAt > :now "
                        + "ORDER BY i.createdAt, i.id", InvitationEntity.class)
                .setParameter("now", now)
                .getResultStream()
                .map(i -> i.toRecord(organizationId))
                .toList());
    }

    @Override
    public Optional<Invitation> consumeInvitation(String tokenHash) {
        // The token is all the caller has: find its organization first, then work inside it.
        Optional<String> organization = tenancy.platformWide(em -> {
            @SuppressWarnings("unchecked")
            List<String> orgs = em.createNativeQuery("SELECT org_id FROM invitations WHERE token_hash = ?")
                    .setParameter(1, tokenHash)
                    .setHint(Tenancy.CROSS_TENANT, true)
                    .getResultList();
            return orgs.stream().findFirst();
        });
        Instant now = now();
        return organization.flatMap(org -> tenancy.inOrganization(org, em -> {
            int claimed = em.createQuery("UPDATE Invitation i SET i.acceptedAt = :now WHERE i.tokenHash = :hash "
                            + "AND i.acceptedAt IS NULL AND i.expiresAt > :now")
                    .setParameter("now", now)
                    .setParameter("hash", tokenHash)
                    .executeUpdate();
            if (claimed != 1) {
                return Optional.<Invitation>empty();
            }
            return em.createQuery("SELECT i FROM Invitation i WHERE i.tokenHash = :hash", InvitationEntity.class)
                    .setParameter("hash", tokenHash)
                    .getResultStream()
                    .findFirst()
                    .map(i -> i.toRecord(org));
        }));
    }

    @Override
    public ApiToken createApiToken(String organizationId, String userId, String name, Role role, String tokenHash,
            Instant expiresAt) {
        String trimmed = requireText("name", name, 100);
        if (role == null) {
            throw new IllegalArgumentException("role: required");
        }
        ApiTokenEntity token = new ApiTokenEntity(newId(), userId, trimmed, role, tokenHash, now(), expiresAt);
        return tenancy.inOrganization(organizationId, em -> {
            em.persist(token);
            return token.toRecord(organizationId);
        });
    }

    @Override
    public List<ApiToken> apiTokens(String organizationId, String userId) {
        return tenancy.inOrganization(organizationId, em -> em
                .createQuery("SELECT t FROM ApiToken t WHERE t.userId = :user AND t.revokedAt IS NULL "
                        + "ORDER BY t.createdAt DESC, t.id", ApiTokenEntity.class)
                .setParameter("user", userId)
                .getResultStream()
                .map(t -> t.toRecord(organizationId))
                .toList());
    }

    @Override
    public boolean revokeApiToken(String organizationId, String userId, String tokenId) {
        return tenancy.inOrganization(organizationId, em -> {
            ApiTokenEntity token = em.find(ApiTokenEntity.class, tokenId);
            if (token == null || !token.userId().equals(userId)) {
                return false;
            }
            token.revoke(now());
            return true;
        });
    }

    @Override
    public Optional<ApiToken> useApiToken(String tokenHash) {
        // The token is all the caller has: find its organization first, then work inside it.
        Optional<String> organization = tenancy.platformWide(em -> {
            @SuppressWarnings("unchecked")
            List<String> orgs = em.createNativeQuery("SELECT org_id FROM api_tokens WHERE token_hash = ?")
                    .setParameter(1, tokenHash)
                    .setHint(Tenancy.CROSS_TENANT, true)
                    .getResultList();
            return orgs.stream().findFirst();
        });
        Instant now = now();
        return organization.flatMap(org -> tenancy.inOrganization(org, em -> em
                .createQuery("SELECT t FROM ApiToken t WHERE t.tokenHash = :hash", ApiTokenEntity.class)
                .setParameter("hash", tokenHash)
                .getResultStream()
                .filter(t -> t.usableAt(now))
                .findFirst()
                .map(t -> {
                    t.markUsed(now);
                    return t.toRecord(org);
                })));
    }

    private void updateUser(String userId, java.util.function.Consumer<UserEntity> change) {
        tenancy.platformWide(em -> {
            change.accept(user(em, userId));
            return null;
        });
    }

    private static UserEntity user(javax.persistence.EntityManager em, String userId) {
        UserEntity user = em.find(UserEntity.class, userId);
        if (user == null) {
            throw new java.util.NoSuchElementException("user");
        }
        return user;
    }

    private static String normalizeEmail(String email) {
        if (email == null) {
            throw new IllegalArgumentException("email: required");
        }
        String normalized = EmailAddress.normalize(email);
        if (normalized.length() > 320) {
            throw new IllegalArgumentException("email: at most 320 characters");
        }
        return normalized;
    }

    private static String requireText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": required");
        }
        String trimmed = value.trim();
        if (trimmed.length() > max) {
            throw new IllegalArgumentException(field + ": at most " + max + " characters");
        }
        return trimmed;
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    // Derby keeps microseconds at most; truncating keeps records equal before and after a reload.
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
