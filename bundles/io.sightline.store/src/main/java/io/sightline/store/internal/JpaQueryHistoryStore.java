package io.sightline.store.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.persistence.EntityManagerFactory;
import javax.persistence.TypedQuery;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.sightline.api.query.QueryHistoryEntry;
import io.sightline.api.query.QueryHistoryStore;

/** {@link QueryHistoryStore} over the platform persistence unit. */
@Component(service = QueryHistoryStore.class)
public class JpaQueryHistoryStore implements QueryHistoryStore {
    private final Tenancy tenancy;

    @Activate
    public JpaQueryHistoryStore(@Reference(target = PlatformDatabase.UNIT_FILTER) EntityManagerFactory emf) {
        this.tenancy = new Tenancy(emf);
    }

    @Override
    public QueryHistoryEntry add(QueryHistoryEntry entry) {
        QueryHistoryEntry stored = withId(entry);
        return tenancy.inOrganization(entry.organizationId(), em -> {
            em.persist(new QueryHistoryEntity(stored));
            return stored;
        });
    }

    @Override
    public void addAll(List<QueryHistoryEntry> entries) {
        // One transaction per organization present (the tenant is fixed per entity manager).
        entries.stream().collect(java.util.stream.Collectors.groupingBy(QueryHistoryEntry::organizationId))
                .forEach((org, batch) -> tenancy.inOrganization(org, em -> {
                    batch.forEach(e -> em.persist(new QueryHistoryEntity(withId(e))));
                    return null;
                }));
    }

    private static QueryHistoryEntry withId(QueryHistoryEntry entry) {
        return entry.id() != null ? entry : new QueryHistoryEntry(UUID.randomUUID().toString(), entry.organizationId(),
                entry.userId(), entry.dataSourceId(), entry.sql(), entry.startedAt(), entry.durationMillis(),
                entry.rowCount(), entry.status(), entry.error());
    }

    @Override
    public List<QueryHistoryEntry> list(String organizationId, String userId, String search, String dataSourceId,
            Instant before, int limit) {
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit: from 1 to 500");
        }
        StringBuilder jpql = new StringBuilder("SELECT h FROM QueryHistory h WHERE h.userId = :user");
        if (search != null && !search.isBlank()) {
            jpql.append(" AND LOWER(h.sql) LIKE :search ESCAPE '\\'");
        }
        if (dataSourceId != null) {
            jpql.append(" AND h.dataSourceId = :ds");
        }
        if (before != null) {
            jpql.append(" AND h.startedAt < :before");
        }
        jpql.append(" ORDER BY h.startedAt DESC, h.id DESC");
        return tenancy.inOrganization(organizationId, em -> {
            TypedQuery<QueryHistoryEntity> q = em.createQuery(jpql.toString(), QueryHistoryEntity.class)
                    .setParameter("user", userId)
                    .setMaxResults(limit);
            if (search != null && !search.isBlank()) {
                q.setParameter("search", "%" + likeEscape(search.strip().toLowerCase(Locale.ROOT)) + "%");
            }
            if (dataSourceId != null) {
                q.setParameter("ds", dataSourceId);
            }
            if (before != null) {
                q.setParameter("before", before);
            }
            return q.getResultStream().map(h -> h.toRecord(organizationId)).toList();
        });
    }

    private static String likeEscape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Override
    public int deleteOlderThan(Instant before) {
        // Retention crosses organizations by design; it deletes by age only.
        return tenancy.platformWide(em -> em.createNativeQuery("DELETE FROM query_history WHERE started_at < ?")
                .setParameter(1, Timestamp.from(before))
                .setHint(Tenancy.CROSS_TENANT, true)
                .executeUpdate());
    }
}
