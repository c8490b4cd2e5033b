package io.sightline.store.internal;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.sightline.api.report.Dashboard;
import io.sightline.api.report.DashboardStore;
import io.sightline.api.schedule.JobKind;

/** {@link DashboardStore} over the platform persistence unit; every call is scoped to one organization. */
@Component(service = DashboardStore.class)
public class JpaDashboardStore extends JpaContentStore<Dashboard, DashboardEntity> implements DashboardStore {

    @Activate
    public JpaDashboardStore(@Reference(target = PlatformDatabase.UNIT_FILTER) EntityManagerFactory emf) {
        super(emf, DashboardEntity.class, "Dashboard", DashboardEntity::new);
    }

    /** The {@code autoRefreshSeconds} setting is the schedule's interval whenever it changes. */
    @Override
    void written(EntityManager em, Dashboard old, Dashboard now) {
        Dashboard target = now == null ? old : now;
        int interval = now == null ? 0 : now.autoRefreshSeconds();
        if (old == null || now == null || old.autoRefreshSeconds() != interval) {
            JpaScheduleStore.setInterval(em, target.organizationId(), JobKind.DASHBOARD_REFRESH, target.id(), interval,
                    target.createdBy());
        }
    }
}
