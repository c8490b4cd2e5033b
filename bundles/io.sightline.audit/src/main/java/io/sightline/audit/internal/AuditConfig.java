package io.sightline.audit.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Sightline audit log", description = "How audit entries are queued and written (SPEC AU-1, AU-2)")
public @interface AuditConfig {

    @AttributeDefinition(description = "Entries held in memory while they wait to be written, e.g. while the store "
            + "is unavailable. When full, new entries are dropped, counted and logged as errors.")
    int queue_capacity() default 100_000;

    @AttributeDefinition(description = "At most this many entries are written in one transaction")
    int batch_size() default 500;

    @AttributeDefinition(description = "On shutdown, wait this long for queued entries to be written")
    int flush_timeout_seconds() default 10;

    @AttributeDefinition(description = "Readiness reports the audit log down after its store has failed this long")
    int unhealthy_after_seconds() default 60;
}
