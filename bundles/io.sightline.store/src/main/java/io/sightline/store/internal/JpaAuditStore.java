package io.sightline.store.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;
import javax.persistence.TypedQuery;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.sightline.api.audit.AuditEntry;
import io.sightline.api.audit.AuditPage;
import io.sightline.api.audit.AuditQuery;
import io.sightline.api.audit.AuditStore;

/**
 * {@link AuditStore} over the platform persistence unit. Each chain is a tenant, so reads of one
 * organization's log cannot see another's. There is no update or delete.
 */
@Component(service = AuditStore.class)
public class JpaAuditStore implements AuditStore {
    /** SQLState of a unique constraint violation, in Derby and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final Tenancy tenancy;

    @Activate
    public JpaAuditStore(@Reference(target = PlatformDatabase.UNIT_FILTER) EntityManagerFactory emf) {
        this.tenancy = new Tenancy(emf);
    }

    @Override
    public Optional<AuditEntry> last(String chain) {
        return tenancy.inOrganization(chain, em -> em
                .createQuery("SELECT e FROM AuditEntry e ORDER BY e.sequence DESC", AuditEntryEntity.class)
                .setMaxResults(1)
                .getResultStream().findFirst().map(e -> e.toRecord(chain)));
    }

    @Override
    public boolean append(String chain, List<AuditEntry> entries) {
        try {
            tenancy.inOrganization(chain, em -> {
                for (AuditEntry entry : entries) {
                    if (!entry.chain().equals(chain)) {
                        throw new IllegalArgumentException("entry of chain " + entry.chain() + " appended to " + chain);
                    }
                    em.persist(new AuditEntryEntity(entry));
                }
                em.flush();
                return null;
            });
            return true;
        } catch (PersistenceException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public AuditPage find(String chain, AuditQuery query) {
        return tenancy.inOrganization(chain, em -> {
            List<AuditEntry> entries = filtered(em, "SELECT e", " ORDER BY e.sequence DESC", query, AuditEntryEntity.class)
                    .setFirstResult(query.offset())
                    .setMaxResults(query.limit())
                    .getResultStream().map(e -> e.toRecord(chain)).toList();
            long total = filtered(em, "SELECT COUNT(e)", "", query, Long.class).getSingleResult();
            return new AuditPage(entries, total);
        });
    }

    /** The query's filters as JPQL; only the conditions that are set, every value a parameter. */
    private static <T> TypedQuery<T> filtered(EntityManager em, String select, String order, AuditQuery q, Class<T> type) {
        List<String> where = new ArrayList<>();
        if (q.actor() != null) {
            where.add("(e.actorId = :actor OR LOWER(e.actorEmail) LIKE :actorLike ESCAPE '\\')");
        }
        if (q.action() != null) {
            where.add(q.action().endsWith(".") ? "e.action LIKE :actionLike ESCAPE '\\'" : "e.action = :action");
        }
        if (q.objectType() != null) {
            where.add("e.objectType = :objectType");
        }
        if (q.objectId() != null) {
            where.add("e.objectId = :objectId");
        }
        if (q.from() != null) {
            where.add("e.at >= :from");
        }
        if (q.to() != null) {
            where.add("e.at < :to");
        }
        String jpql = select + " FROM AuditEntry e" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + order;
        TypedQuery<T> query = em.createQuery(jpql, type);
        if (q.actor() != null) {
            query.setParameter("actor", q.actor());
            query.setParameter("actorLike", "%" + likeEscaped(q.actor().toLowerCase(Locale.ROOT)) + "%");
        }
        if (q.action() != null) {
            if (q.action().endsWith(".")) {
                query.setParameter("actionLike", likeEscaped(q.action()) + "%");
            } else {
                query.setParameter("action", q.action());
            }
        }
        if (q.objectType() != null) {
            query.setParameter("objectType", q.objectType());
        }
        if (q.objectId() != null) {
            query.setParameter("objectId", q.objectId());
        }
        if (q.from() != null) {
            query.setParameter("from", AuditEntryEntity.micros(q.from()));
        }
        if (q.to() != null) {
            query.setParameter("to", AuditEntryEntity.micros(q.to()));
        }
        return query;
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Override
    public List<AuditEntry> range(String chain, long afterSequence, int limit) {
        return tenancy.inOrganization(chain, em -> em
                .createQuery("SELECT e FROM AuditEntry e WHERE e.sequence > :after ORDER BY e.sequence", AuditEntryEntity.class)
                .setParameter("after", afterSequence)
                .setMaxResults(limit)
                .getResultStream().map(e -> e.toRecord(chain)).toList());
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> chains() {
        // Crosses organizations by design (the verification command walks every chain); ids only.
        return tenancy.platformWide(em -> em.createNativeQuery("SELECT DISTINCT org_id FROM audit_entries ORDER BY org_id")
                .setHint(Tenancy.CROSS_TENANT, true)
                .getResultList());
    }
}
