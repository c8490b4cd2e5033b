package io.sightline.report.internal;

import java.util.function.Supplier;

import io.sightline.api.audit.AuditEvent;
import io.sightline.api.audit.AuditLog;
import io.sightline.api.auth.Caller;

/** Records content changes in the audit log when the audit module is installed (AU-1). */
final class Audit {
    private final Supplier<AuditLog> log;

    Audit(Supplier<AuditLog> log) {
        this.log = log;
    }

    void record(Caller caller, String action, String objectType, String objectId, String details) {
        AuditLog audit = log.get();
        if (audit != null) {
            audit.record(AuditEvent.by(caller, action, objectType, objectId, details));
        }
    }
}
