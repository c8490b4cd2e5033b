package io.sightline.store.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.sightline.api.model.ModelStore;
import io.sightline.api.model.SemanticModel;

/** {@link ModelStore} over the platform persistence unit; every call is scoped to one organization. */
@Component(service = ModelStore.class)
public class JpaModelStore implements ModelStore {
    private static final String NAME_TAKEN = "name: a model with this name exists";
    private final Tenancy tenancy;

    @Activate
    public JpaModelStore(@Reference(target = PlatformDatabase.UNIT_FILTER) EntityManagerFactory emf) {
        this.tenancy = new Tenancy(emf);
    }

    @Override
    public SemanticModel create(SemanticModel model) {
        try {
            return tenancy.inOrganization(model.organizationId(), em -> {
                requireFreeName(em, model);
                em.persist(new SemanticModelEntity(model));
                em.flush(); // the unique constraint answers a race between two creates here
                return model;
            });
        } catch (PersistenceException e) {
            throw new IllegalStateException(NAME_TAKEN);
        }
    }

    @Override
    public Optional<SemanticModel> update(SemanticModel model) {
        return tenancy.inOrganization(model.organizationId(), em -> {
            SemanticModelEntity entity = em.find(SemanticModelEntity.class, model.id());
            if (entity == null) {
                return Optional.empty();
            }
            requireFreeName(em, model);
            entity.update(model);
            return Optional.of(entity.toRecord(model.organizationId()));
        });
    }

    private static void requireFreeName(EntityManager em, SemanticModel model) {
        if (!byName(em, model.name()).filter(m -> !m.toRecord(null).id().equals(model.id())).isEmpty()) {
            throw new IllegalStateException(NAME_TAKEN);
        }
    }

    private static Optional<SemanticModelEntity> byName(EntityManager em, String name) {
        return em.createQuery("SELECT m FROM SemanticModel m WHERE LOWER(m.name) = :name", SemanticModelEntity.class)
                .setParameter("name", name.toLowerCase(Locale.ROOT))
                .getResultStream().findFirst();
    }

    @Override
    public Optional<SemanticModel> find(String organizationId, String id) {
        return tenancy.inOrganization(organizationId,
                em -> Optional.ofNullable(em.find(SemanticModelEntity.class, id)).map(m -> m.toRecord(organizationId)));
    }

    @Override
    public Optional<SemanticModel> findByName(String organizationId, String name) {
        return tenancy.inOrganization(organizationId, em -> byName(em, name).map(m -> m.toRecord(organizationId)));
    }

    @Override
    public List<SemanticModel> list(String organizationId) {
        return tenancy.inOrganization(organizationId, em -> em
                .createQuery("SELECT m FROM SemanticModel m ORDER BY m.name, m.id", SemanticModelEntity.class)
                .getResultStream().map(m -> m.toRecord(organizationId)).toList());
    }

    @Override
    public boolean delete(String organizationId, String id) {
        return tenancy.remove(organizationId, SemanticModelEntity.class, id);
    }
}
