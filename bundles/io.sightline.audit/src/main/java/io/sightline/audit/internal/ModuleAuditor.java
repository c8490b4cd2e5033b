package io.sightline.audit.internal;

import org.apache.karaf.features.FeatureEvent;
import org.apache.karaf.features.FeaturesListener;
import org.apache.karaf.features.RepositoryEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.sightline.api.audit.AuditEvent;
import io.sightline.api.audit.AuditLog;

/**
 * Records module (Karaf feature) installs and removals in the platform chain (SPEC AU-1), whether
 * they came from the shell, the API or a deploy folder. Karaf replays the installed features to a
 * new listener; those are not new events and are skipped.
 */
@Component(service = FeaturesListener.class)
public class ModuleAuditor implements FeaturesListener {
    private final AuditLog log;

    @Activate
    public ModuleAuditor(@Reference AuditLog log) {
        this.log = log;
    }

    @Override
    public void featureEvent(FeatureEvent event) {
        if (event.isReplay()) {
            return;
        }
        String action = switch (event.getType()) {
            case FeatureInstalled -> "module.install";
            case FeatureUninstalled -> "module.uninstall";
            default -> null;
        };
        if (action != null) {
            log.record(AuditEvent.now(null, AuditEvent.SYSTEM, null, null, action, "feature",
                    event.getFeature().getName(), "version=" + event.getFeature().getVersion()
                            + (event.getRegion() == null ? "" : ", region=" + event.getRegion())));
        }
    }

    @Override
    public void repositoryEvent(RepositoryEvent event) {
        // Repositories only list features; installing one is what changes the server.
    }
}
