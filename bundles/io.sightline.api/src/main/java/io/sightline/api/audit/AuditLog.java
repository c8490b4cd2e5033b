package io.sightline.api.audit;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Append-only record of who did what (SPEC AU-1); each entry is chained to the previous one of its
 * organization by a hash, so that tampering is detectable (AU-2). Thread-safe.
 */
@ProviderType
public interface AuditLog {

    /**
     * Queues an event for writing and returns at once: recording never blocks or fails the caller's
     * request. Events are written in order, in batches, and retried while the store is unavailable.
     */
    void record(AuditEvent event);
}
