package io.sightline.api.audit;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Append-only record of who did what (SPEC AU-1); each entry is chained to the previous one by a
 * hash so that tampering is detectable (AU-2). Thread-safe.
 */
@ProviderType
public interface AuditLog {

    /** Appends an event; never blocks the caller on slow storage for long. */
    void record(AuditEvent event);
}
