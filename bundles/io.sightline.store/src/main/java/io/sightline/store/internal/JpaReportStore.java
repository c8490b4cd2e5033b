package io.sightline.store.internal;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.sightline.api.report.Report;
import io.sightline.api.report.ReportStore;

/** {@link ReportStore} over the platform persistence unit; every call is scoped to one organization. */
@Component(service = ReportStore.class)
public class JpaReportStore extends JpaContentStore<Report, ReportEntity> implements ReportStore {

    @Activate
    public JpaReportStore(@Reference(target = PlatformDatabase.UNIT_FILTER) EntityManagerFactory emf) {
        super(emf, ReportEntity.class, "Report", ReportEntity::new);
    }
}
