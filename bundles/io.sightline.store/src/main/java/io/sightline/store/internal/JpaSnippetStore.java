package io.sightline.store.internal;

import java.util.List;
import java.util.Optional;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.sightline.api.query.Snippet;
import io.sightline.api.query.SnippetStore;

/** {@link SnippetStore} over the platform persistence unit; every call is scoped to one organization. */
@Component(service = SnippetStore.class)
public class JpaSnippetStore implements SnippetStore {
    private static final String NAME_TAKEN = "name: a snippet with this name exists";
    private final Tenancy tenancy;

    @Activate
    public JpaSnippetStore(@Reference(target = PlatformDatabase.UNIT_FILTER) EntityManagerFactory emf) {
        this.tenancy = new Tenancy(emf);
    }

    @Override
    public Snippet create(Snippet snippet) {
        try {
            return tenancy.inOrganization(snippet.organizationId(), em -> {
                requireFreeName(em, snippet);
                em.persist(new SnippetEntity(snippet));
                em.flush();
                return snippet;
            });
        } catch (PersistenceException e) {
            throw new IllegalStateException(NAME_TAKEN);
        }
    }

    @Override
    public Optional<Snippet> update(Snippet snippet) {
        return tenancy.inOrganization(snippet.organizationId(), em -> {
            SnippetEntity entity = em.find(SnippetEntity.class, snippet.id());
            if (entity == null) {
                return Optional.empty();
            }
            requireFreeName(em, snippet);
            entity.update(snippet);
            return Optional.of(entity.toRecord(snippet.organizationId()));
        });
    }

    private static void requireFreeName(EntityManager em, Snippet snippet) {
        boolean taken = !em.createQuery("SELECT s.id FROM Snippet s WHERE LOWER(s.name) = :name AND s.id <> :id", String.class)
                .setParameter("name", snippet.name().toLowerCase(java.util.Locale.ROOT))
                .setParameter("id", snippet.id())
                .getResultList().isEmpty();
        if (taken) {
            throw new IllegalStateException(NAME_TAKEN);
        }
    }

    @Override
    public Optional<Snippet> find(String organizationId, String id) {
        return tenancy.inOrganization(organizationId,
                em -> Optional.ofNullable(em.find(SnippetEntity.class, id)).map(s -> s.toRecord(organizationId)));
    }

    @Override
    public Optional<Snippet> findByName(String organizationId, String name) {
        return tenancy.inOrganization(organizationId, em -> em
                .createQuery("SELECT s FROM Snippet s WHERE LOWER(s.name) = :name", SnippetEntity.class)
                .setParameter("name", name.toLowerCase(java.util.Locale.ROOT))
                .getResultStream().findFirst().map(s -> s.toRecord(organizationId)));
    }

    @Override
    public List<Snippet> list(String organizationId) {
        return tenancy.inOrganization(organizationId, em -> em
                .createQuery("SELECT s FROM Snippet s ORDER BY s.name, s.id", SnippetEntity.class)
                .getResultStream().map(s -> s.toRecord(organizationId)).toList());
    }

    @Override
    public boolean delete(String organizationId, String id) {
        return tenancy.remove(organizationId, SnippetEntity.class, id);
    }
}
