package io.sightline.store.internal;

import java.util.List;
import java.util.Optional;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.sightline.api.schedule.Alert;
import io.sightline.api.schedule.AlertStore;
import io.sightline.api.schedule.JobKind;

/** {@link AlertStore} over the platform persistence unit; every call is scoped to one organization. */
@Component(service = AlertStore.class)
public class JpaAlertStore implements AlertStore {
    private final Tenancy tenancy;

    @Activate
    public JpaAlertStore(@Reference(target = PlatformDatabase.UNIT_FILTER) EntityManagerFactory emf) {
        this.tenancy = new Tenancy(emf);
    }

    @Override
    public Alert create(Alert alert) {
        return tenancy.inOrganization(alert.organizationId(), em -> {
            em.persist(new AlertEntity(alert));
            return alert;
        });
    }

    @Override
    public Optional<Alert> update(Alert alert) {
        return tenancy.inOrganization(alert.organizationId(), em -> {
            AlertEntity entity = em.find(AlertEntity.class, alert.id());
            if (entity == null) {
                return Optional.empty();
            }
            entity.update(alert);
            return Optional.of(entity.toRecord(alert.organizationId()));
        });
    }

    @Override
    public void saveState(Alert alert) {
        tenancy.inOrganization(alert.organizationId(), em -> {
            AlertEntity entity = em.find(AlertEntity.class, alert.id());
            if (entity != null) {
                entity.saveState(alert);
            }
            return null;
        });
    }

    @Override
    public Optional<Alert> find(String organizationId, String id) {
        return tenancy.inOrganization(organizationId,
                em -> Optional.ofNullable(em.find(AlertEntity.class, id)).map(e -> e.toRecord(organizationId)));
    }

    @Override
    public List<Alert> list(String organizationId) {
        return tenancy.inOrganization(organizationId, em -> em
                .createQuery("SELECT a FROM Alert a ORDER BY a.name, a.id", AlertEntity.class)
                .getResultStream().map(a -> a.toRecord(organizationId)).toList());
    }

    /** Removes the alert and its schedule together. */
    @Override
    public boolean delete(String organizationId, String id) {
        return tenancy.inOrganization(organizationId, em -> {
            AlertEntity entity = em.find(AlertEntity.class, id);
            if (entity == null) {
                return false;
            }
            JpaScheduleStore.setInterval(em, organizationId, JobKind.ALERT, id, 0, null);
            em.remove(entity);
            return true;
        });
    }
}
