package io.sightline.store.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import io.sightline.api.report.Content;
import io.sightline.api.report.ContentStore;

/**
 * {@link ContentStore} over the platform persistence unit for one content entity; every call is
 * scoped to one organization, so another organization's id is simply not found.
 */
abstract class JpaContentStore<T extends Content, E extends ContentEntity<T>> implements ContentStore<T> {
    /** Ids per IN list: well below what Derby and PostgreSQL accept as parameters. */
    private static final int IN_CHUNK = 500;

    private final Tenancy tenancy;
    private final Class<E> entityClass;
    private final String entityName;
    private final Function<T, E> newEntity;
    /** Records by organization and id: every dashboard tile run reads its dashboard and report. */
    private final ReadCache<String, Optional<T>> records = new ReadCache<>();

    JpaContentStore(EntityManagerFactory emf, Class<E> entityClass, String entityName, Function<T, E> newEntity) {
        this.tenancy = new Tenancy(emf);
        this.entityClass = entityClass;
        this.entityName = entityName;
        this.newEntity = newEntity;
    }

    @Override
    public T create(T content) {
        return records.changing(() -> tenancy.inOrganization(content.organizationId(), em -> {
            E entity = newEntity.apply(content);
            em.persist(entity);
            written(em, null, content);
            return entity.toRecord(content.organizationId());
        }));
    }

    @Override
    public Optional<T> update(T content) {
        return records.changing(() -> tenancy.inOrganization(content.organizationId(), em -> {
            E entity = em.find(entityClass, content.id());
            if (entity == null) {
                return Optional.empty();
            }
            T old = entity.toRecord(content.organizationId());
            entity.update(content);
            written(em, old, content);
            return Optional.of(entity.toRecord(content.organizationId()));
        }));
    }

    /**
     * Called in the transaction of every write: {@code old} null on create, {@code now} null on
     * delete. Content whose own setting implies a schedule keeps it in step here.
     */
    void written(EntityManager em, T old, T now) {}

    @Override
    public Optional<T> find(String organizationId, String id) {
        return records.get(organizationId + '/' + id, () -> tenancy.inOrganization(organizationId,
                em -> Optional.ofNullable(em.find(entityClass, id)).map(e -> e.toRecord(organizationId))));
    }

    @Override
    public List<T> visibleTo(String organizationId, String userId, Collection<String> sharedIds) {
        List<String> ids = List.copyOf(sharedIds);
        return tenancy.inOrganization(organizationId, em -> {
            java.util.Map<String, T> found = new java.util.HashMap<>();
            em.createQuery("SELECT e FROM " + entityName + " e WHERE e.createdBy = :user", entityClass)
                    .setParameter("user", userId)
                    .getResultStream().forEach(e -> found.put(e.id, e.toRecord(organizationId)));
            for (int from = 0; from < ids.size(); from += IN_CHUNK) {
                em.createQuery("SELECT e FROM " + entityName + " e WHERE e.id IN :ids", entityClass)
                        .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + IN_CHUNK)))
                        .getResultStream().forEach(e -> found.put(e.id, e.toRecord(organizationId)));
            }
            return found.values().stream()
                    .sorted(java.util.Comparator.comparing((T c) -> c.name().toLowerCase(java.util.Locale.ROOT))
                            .thenComparing(Content::id))
                    .toList();
        });
    }

    @Override
    public boolean delete(String organizationId, String id) {
        return records.changing(() -> tenancy.inOrganization(organizationId, em -> {
            E entity = em.find(entityClass, id);
            if (entity == null) {
                return false;
            }
            written(em, entity.toRecord(organizationId), null);
            em.remove(entity);
            return true;
        }));
    }
}
