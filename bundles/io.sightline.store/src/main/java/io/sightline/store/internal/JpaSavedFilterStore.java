package io.sightline.store.internal;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.sightline.api.report.SavedFilter;
import io.sightline.api.report.SavedFilterStore;
import io.sightline.api.schedule.JobKind;

/** {@link SavedFilterStore} over the platform persistence unit; every call is scoped to one organization. */
@Component(service = SavedFilterStore.class)
public class JpaSavedFilterStore extends JpaContentStore<SavedFilter, SavedFilterEntity> implements SavedFilterStore {

    @Activate
    public JpaSavedFilterStore(@Reference(target = PlatformDatabase.UNIT_FILTER) EntityManagerFactory emf) {
        super(emf, SavedFilterEntity.class, "SavedFilter", SavedFilterEntity::new);
    }

    /** The {@code refreshIntervalSeconds} setting is the schedule's interval whenever it changes. */
    @Override
    void written(EntityManager em, SavedFilter old, SavedFilter now) {
        SavedFilter target = now == null ? old : now;
        int interval = now == null ? 0 : now.refreshIntervalSeconds();
        if (old == null || now == null || old.refreshIntervalSeconds() != interval) {
            JpaScheduleStore.setInterval(em, target.organizationId(), JobKind.FILTER_REFRESH, target.id(), interval,
                    target.createdBy());
        }
    }
}
