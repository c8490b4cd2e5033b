package io.sightline.api.schedule;

import java.time.Instant;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Deletes what has expired (query history past its retention, old run records, used or expired
 * tokens). Registered as an OSGi service by the module that owns the data; the scheduler's
 * clean-up route calls every registered task. Tasks must be idempotent: in a cluster each node
 * may run them.
 */
@ConsumerType
public interface CleanupTask {

    /** What it cleans, for the log, e.g. "query history". */
    String name();

    /** Deletes what has expired at {@code now}; answers how many items went. */
    int clean(Instant now);
}
