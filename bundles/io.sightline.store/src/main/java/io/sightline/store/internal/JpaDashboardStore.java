package io.sightline.store.internal;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.sightline.api.report.Dashboard;
import io.sightline.api.report.DashboardStore;

/** {@link DashboardStore} over the platform persistence unit; every call is scoped to one organization. */
@Component(service = DashboardStore.class)
public class JpaDashboardStore extends JpaContentStore<Dashboard, DashboardEntity> implements DashboardStore {

    @Activate
    public JpaDashboardStore(@Reference(target = PlatformDatabase.UNIT_FILTER) EntityManagerFactory emf) {
        super(emf, DashboardEntity.class, "Dashboard", DashboardEntity::new);
    }
}
