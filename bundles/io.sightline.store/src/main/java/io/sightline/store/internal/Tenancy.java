package io.sightline.store.internal;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;

/**
 * The only way store code opens an EntityManager: either scoped to one organization, so that
 * EclipseLink filters every organization-scoped entity by it, or explicitly platform-wide for the
 * few global entities (organizations, users). Scoped reads of another tenant's rows find nothing.
 */
final class Tenancy {
    /** EclipseLink context property carrying the caller's organization id. */
    static final String TENANT_PROPERTY = "sightline.organization";
    /**
     * Query hint for the few deliberate cross-organization reads: EclipseLink refuses native SQL
     * once multitenant entities exist, because native SQL is never tenant-filtered.
     */
    static final String CROSS_TENANT = "eclipselink.jdbc.allow-native-sql-query";

    private final EntityManagerFactory emf;

    Tenancy(EntityManagerFactory emf) {
        this.emf = emf;
    }

    /** Runs {@code work} in one transaction as organization {@code organizationId}. */
    <T> T inOrganization(String organizationId, Function<EntityManager, T> work) {
        Objects.requireNonNull(organizationId, "organizationId");
        return run(emf.createEntityManager(Map.of(TENANT_PROPERTY, organizationId)), work);
    }

    /** Removes one organization-scoped entity by id; answers whether it existed in that organization. */
    boolean remove(String organizationId, Class<?> entity, String id) {
        return inOrganization(organizationId, em -> {
            Object found = em.find(entity, id);
            if (found == null) {
                return false;
            }
            em.remove(found);
            return true;
        });
    }

    /** Runs {@code work} in one transaction with no tenant: organization-scoped entities fail closed. */
    <T> T platformWide(Function<EntityManager, T> work) {
        return run(emf.createEntityManager(), work);
    }

    private static <T> T run(EntityManager em, Function<EntityManager, T> work) {
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } finally {
            if (tx.isActive()) {
                tx.rollback();
            }
            em.close();
        }
    }
}
