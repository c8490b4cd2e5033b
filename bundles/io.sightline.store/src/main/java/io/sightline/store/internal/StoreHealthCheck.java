package io.sightline.store.internal;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.sightline.api.health.HealthCheck;
import io.sightline.api.health.HealthStatus;

/** Ready when the platform database answers a query through JPA. */
@Component(service = HealthCheck.class)
public class StoreHealthCheck implements HealthCheck {
    private final Tenancy tenancy;

    @Activate
    public StoreHealthCheck(@Reference(target = PlatformDatabase.UNIT_FILTER) EntityManagerFactory emf) {
        this.tenancy = new Tenancy(emf);
    }

    @Override
    public String name() {
        return "store";
    }

    @Override
    public HealthStatus check() {
        try {
            tenancy.platformWide(em -> em.createQuery("SELECT o.id FROM Organization o")
                    .setMaxResults(1)
                    .getResultList());
            return HealthStatus.up("platform database answers");
        } catch (RuntimeException e) {
            return HealthStatus.down("platform database does not answer: " + e.getClass().getSimpleName());
        }
    }
}
