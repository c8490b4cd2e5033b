package io.sightline.store.internal;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.sightline.api.report.SavedFilter;
import io.sightline.api.report.SavedFilterStore;

/** {@link SavedFilterStore} over the platform persistence unit; every call is scoped to one organization. */
@Component(service = SavedFilterStore.class)
public class JpaSavedFilterStore extends JpaContentStore<SavedFilter, SavedFilterEntity> implements SavedFilterStore {

    @Activate
    public JpaSavedFilterStore(@Reference(target = PlatformDatabase.UNIT_FILTER) EntityManagerFactory emf) {
        super(emf, SavedFilterEntity.class, "SavedFilter", SavedFilterEntity::new);
    }
}
