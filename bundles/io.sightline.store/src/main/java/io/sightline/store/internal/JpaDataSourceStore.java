package io.sightline.store.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.sightline.api.datasource.DataSourceDefinition;
import io.sightline.api.datasource.DataSourceStore;
import io.sightline.api.schedule.JobKind;

/** {@link DataSourceStore} over the platform persistence unit; every call but one is scoped to one organization. */
@Component(service = DataSourceStore.class)
public class JpaDataSourceStore implements DataSourceStore {
    private final Tenancy tenancy;
    /** Definitions by organization and id: every query run looks its data source up. */
    private final ReadCache<String, Optional<DataSourceDefinition>> definitions = new ReadCache<>();

    static final int SCHEMA_REFRESH_SECONDS = 24 * 3600;

    @Activate
    public JpaDataSourceStore(@Reference(target = PlatformDatabase.UNIT_FILTER) EntityManagerFactory emf) {
        this.tenancy = new Tenancy(emf);
    }

    @Override
    public DataSourceDefinition create(DataSourceDefinition definition) {
        try {
            return definitions.changing(() -> tenancy.inOrganization(definition.organizationId(), em -> {
                requireFreeName(em, definition.name(), definition.id());
                em.persist(new DataSourceEntity(definition));
                em.flush();
                // DS-5: metadata is read at creation and then every 24 h, a schedule people may change.
                JpaScheduleStore.setInterval(em, definition.organizationId(), JobKind.SCHEMA_REFRESH, definition.id(),
                        SCHEMA_REFRESH_SECONDS, definition.createdBy());
                return definition;
            }));
        } catch (PersistenceException e) {
            throw new IllegalStateException("a data source with this name exists");
        }
    }

    @Override
    public Optional<DataSourceDefinition> update(DataSourceDefinition definition) {
        return definitions.changing(() -> tenancy.inOrganization(definition.organizationId(), em -> {
            DataSourceEntity entity = em.find(DataSourceEntity.class, definition.id());
            if (entity == null) {
                return Optional.empty();
            }
            requireFreeName(em, definition.name(), definition.id());
            entity.update(definition);
            return Optional.of(entity.toRecord(definition.organizationId()));
        }));
    }

    private static void requireFreeName(EntityManager em, String name, String id) {
        boolean taken = !em.createQuery("SELECT d.id FROM DataSource d WHERE d.name = :name AND d.id <> :id", String.class)
                .setParameter("name", name)
                .setParameter("id", id)
                .getResultList().isEmpty();
        if (taken) {
            throw new IllegalStateException("a data source with this name exists");
        }
    }

    @Override
    public Optional<DataSourceDefinition> find(String organizationId, String id) {
        return definitions.get(organizationId + '/' + id, () -> tenancy.inOrganization(organizationId,
                em -> Optional.ofNullable(em.find(DataSourceEntity.class, id)).map(d -> d.toRecord(organizationId))));
    }

    @Override
    public List<DataSourceDefinition> list(String organizationId) {
        return tenancy.inOrganization(organizationId, em -> em
                .createQuery("SELECT d FROM DataSource d ORDER BY d.name, d.id", DataSourceEntity.class)
                .getResultStream().map(d -> d.toRecord(organizationId)).toList());
    }

    @Override
    public boolean delete(String organizationId, String id) {
        return definitions.changing(() -> tenancy.inOrganization(organizationId, em -> {
            DataSourceEntity entity = em.find(DataSourceEntity.class, id);
            if (entity == null) {
                return false;
            }
            JpaScheduleStore.setInterval(em, organizationId, JobKind.SCHEMA_REFRESH, id, 0, null);
            em.remove(entity);
            return true;
        }));
    }

    @Override
    public void saveMetadata(String organizationId, String id, Instant readAt, String summary, String schema) {
        if (summary != null && summary.length() > 4000) {
            throw new IllegalArgumentException("summary: at most 4000 characters");
        }
        // A bulk update: with weaving on (in OSGi), a change made through a partly fetched entity
        // (the schema is a lazy CLOB) was not written; this writes the three columns directly.
        tenancy.inOrganization(organizationId, em -> em
                .createQuery("UPDATE DataSource d SET d.metadataReadAt = :at, d.metadataSummary = :summary, "
                        + "d.metadata = :schema WHERE d.id = :id")
                .setParameter("at", readAt)
                .setParameter("summary", summary)
                .setParameter("schema", schema)
                .setParameter("id", id)
                .executeUpdate());
    }

    @Override
    public Optional<StoredMetadata> metadata(String organizationId, String id) {
        return tenancy.inOrganization(organizationId, em -> Optional.ofNullable(em.find(DataSourceEntity.class, id))
                .filter(d -> d.metadataReadAt() != null)
                .map(d -> new StoredMetadata(d.metadataReadAt(), d.metadataSummary(), d.metadata())));
    }

    @Override
    public Map<String, StoredMetadata> summaries(String organizationId) {
        return tenancy.inOrganization(organizationId, em -> {
            Map<String, StoredMetadata> summaries = new HashMap<>();
            em.createQuery("SELECT d.id, d.metadataReadAt, d.metadataSummary FROM DataSource d "
                            + "WHERE d.metadataReadAt IS NOT NULL", Object[].class)
                    .getResultStream()
                    .forEach(r -> summaries.put((String) r[0], new StoredMetadata((Instant) r[1], (String) r[2], null)));
            return summaries;
        });
    }

    @Override
    public List<Ref> metadataOlderThan(Instant before) {
        // Crosses organizations by design (the refresh schedule visits them all); ids only.
        return tenancy.platformWide(em -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT org_id, id FROM datasources "
                            + "WHERE metadata_read_at IS NULL OR metadata_read_at < ? ORDER BY org_id, id")
                    .setParameter(1, Timestamp.from(before))
                    .setHint(Tenancy.CROSS_TENANT, true)
                    .getResultList();
            return rows.stream().map(r -> new Ref((String) r[0], (String) r[1])).toList();
        });
    }
}
