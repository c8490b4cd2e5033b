package io.sightline.store.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.sightline.api.sharing.Access;
import io.sightline.api.sharing.Share;
import io.sightline.api.sharing.SharingStore;

/** {@link SharingStore} over the platform persistence unit; every call is scoped to one organization. */
@Component(service = SharingStore.class)
public class JpaSharingStore implements SharingStore {
    /** Grants one user has on one object (the creator is decided without a read): asked on every tile run. */
    private final ReadCache<String, Access> accessAnswers = new ReadCache<>();
    private final Tenancy tenancy;

    @Activate
    public JpaSharingStore(@Reference(target = PlatformDatabase.UNIT_FILTER) EntityManagerFactory emf) {
        this.tenancy = new Tenancy(emf);
    }

    @Override
    public Share share(String organizationId, String objectType, String objectId, String userId, Access access,
            String grantedBy) {
        if (access != Access.READ && access != Access.EDIT) {
            throw new IllegalArgumentException("access: READ or EDIT");
        }
        requireText("objectType", objectType, 32);
        requireText("objectId", objectId, 36);
        return accessAnswers.changing(() -> tenancy.inOrganization(organizationId, em -> {
            ShareEntity existing = grants(em, objectType, objectId).stream()
                    .filter(s -> Objects.equals(s.toRecord(organizationId).userId(), userId))
                    .findFirst()
                    .orElse(null);
            if (existing != null) {
                existing.setAccess(access, grantedBy);
                return existing.toRecord(organizationId);
            }
            ShareEntity share = new ShareEntity(UUID.randomUUID().toString(), objectType, objectId, userId, access,
                    grantedBy, Instant.now().truncatedTo(ChronoUnit.MICROS));
            em.persist(share);
            return share.toRecord(organizationId);
        }));
    }

    @Override
    public boolean unshare(String organizationId, String shareId) {
        return accessAnswers.changing(() -> tenancy.inOrganization(organizationId, em -> {
            ShareEntity share = em.find(ShareEntity.class, shareId);
            if (share == null) {
                return false;
            }
            em.remove(share);
            return true;
        }));
    }

    @Override
    public java.util.Optional<Share> find(String organizationId, String shareId) {
        return tenancy.inOrganization(organizationId, em -> java.util.Optional.ofNullable(em.find(ShareEntity.class, shareId))
                .map(s -> s.toRecord(organizationId)));
    }

    @Override
    public List<Share> sharesOf(String organizationId, String objectType, String objectId) {
        return tenancy.inOrganization(organizationId,
                em -> grants(em, objectType, objectId).stream().map(s -> s.toRecord(organizationId)).toList());
    }

    @Override
    public Access accessOf(String organizationId, String objectType, String objectId, String creatorId, String userId) {
        if (userId != null && userId.equals(creatorId)) {
            return Access.OWNER;
        }
        return accessAnswers.get(String.join("/", organizationId, objectType, objectId, String.valueOf(userId)),
                () -> tenancy.inOrganization(organizationId, em -> grants(em, objectType, objectId).stream()
                        .map(s -> s.toRecord(organizationId))
                        .filter(s -> s.userId() == null || s.userId().equals(userId))
                        .map(Share::access)
                        .max(Enum::compareTo)
                        .orElse(Access.NONE)));
    }

    @Override
    public Set<String> sharedWith(String organizationId, String objectType, String userId) {
        return tenancy.inOrganization(organizationId, em -> em
                .createQuery("SELECT s.objectId FROM Share s WHERE s.objectType = :type "
                        + "AND (s.userId IS NULL OR s.userId = :user)", String.class)
                .setParameter("type", objectType)
                .setParameter("user", userId)
                .getResultStream()
                .collect(Collectors.toSet()));
    }

    @Override
    public void unshareAll(String organizationId, String objectType, String objectId) {
        accessAnswers.changing(() -> tenancy.inOrganization(organizationId, em -> em
                .createQuery("DELETE FROM Share s WHERE s.objectType = :type AND s.objectId = :id")
                .setParameter("type", objectType)
                .setParameter("id", objectId)
                .executeUpdate()));
    }

    private static List<ShareEntity> grants(EntityManager em, String objectType, String objectId) {
        return em.createQuery("SELECT s FROM Share s WHERE s.objectType = :type AND s.objectId = :id "
                        + "ORDER BY s.createdAt, s.id", ShareEntity.class)
                .setParameter("type", objectType)
                .setParameter("id", objectId)
                .getResultList();
    }

    private static void requireText(String field, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException(field + ": required, at most " + max + " characters");
        }
    }
}
