package io.sightline.audit.internal;

import java.time.Duration;
import java.time.Instant;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.sightline.api.health.HealthCheck;
import io.sightline.api.health.HealthStatus;

/** Readiness of the audit log, with its counters: entries written, queued, failed writes, dropped. */
@Component(service = HealthCheck.class, configurationPid = AsyncAuditLog.PID)
public class AuditHealthCheck implements HealthCheck {
    private final AsyncAuditLog log;
    private final Duration unhealthyAfter;

    @Activate
    public AuditHealthCheck(@Reference AsyncAuditLog log, AuditConfig config) {
        this.log = log;
        this.unhealthyAfter = Duration.ofSeconds(config.unhealthy_after_seconds());
    }

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public HealthStatus check() {
        AsyncAuditLog.Stats s = log.stats();
        String counters = s.written() + " entries written, " + s.queued() + " queued, " + s.failedWrites()
                + " failed writes, " + s.dropped() + " dropped";
        if (s.failingSince() != null && s.failingSince().isBefore(Instant.now().minus(unhealthyAfter))) {
            return HealthStatus.down("cannot write to the store since " + s.failingSince() + "; " + counters);
        }
        if (s.dropped() > 0) {
            return HealthStatus.down("entries were dropped (queue full); " + counters);
        }
        return HealthStatus.up(counters);
    }
}
