package io.sightline.store.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.sightline.api.account.AccountStore;
import io.sightline.api.account.Membership;
import io.sightline.api.account.Organization;
import io.sightline.api.account.Role;
import io.sightline.api.account.User;

/** {@link AccountStore} over the platform persistence unit. */
@Component(service = AccountStore.class)
public class JpaAccountStore implements AccountStore {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final Tenancy tenancy;

    @Activate
    public JpaAccountStore(@Reference(target = PlatformDatabase.UNIT_FILTER) EntityManagerFactory emf) {
        this.tenancy = new Tenancy(emf);
    }

    @Override
    public Organization createOrganization(String name) {
        String trimmed = requireText("name", name, 200);
        OrganizationEntity org = new OrganizationEntity(newId(), trimmed, now());
        return tenancy.platformWide(em -> {
            em.persist(org);
            return org.toRecord();
        });
    }

    @Override
    public Optional<Organization> findOrganization(String organizationId) {
        return tenancy.platformWide(em -> Optional.ofNullable(em.find(OrganizationEntity.class, organizationId))
                .map(OrganizationEntity::toRecord));
    }

    @Override
    public User createUser(String email, String displayName) {
        String normalized = normalizeEmail(email);
        if (!EMAIL.matcher(normalized).matches()) {
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
        if (role == null) {
            throw new IllegalArgumentException("role: required");
        }
        MembershipEntity membership = new MembershipEntity(newId(), userId, role, now());
        return tenancy.inOrganization(organizationId, em -> {
            em.persist(membership);
            return membership.toRecord(organizationId);
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

    private static String normalizeEmail(String email) {
        if (email == null) {
            throw new IllegalArgumentException("email: required");
        }
        String normalized = email.trim().toLowerCase(Locale.ROOT);
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
