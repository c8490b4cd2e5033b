package io.sightline.api.schedule;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Does one kind of scheduled job. Registered as an OSGi service by the module that owns the job's
 * targets; the scheduler runs a Camel route per registered kind, so a job kind stops cleanly when
 * its module is removed and resumes when it returns.
 */
@ConsumerType
public interface JobHandler {

    JobKind kind();

    /**
     * Runs the job of {@code schedule} once, on a scheduler thread that is interrupted after the job
     * timeout. Throwing records a FAILED run with the exception's message, which must therefore
     * never hold a secret.
     */
    JobResult run(Schedule schedule) throws Exception;

    /** The name people know the target by, or empty when the target no longer exists. */
    Optional<String> targetName(String organizationId, String targetId);

    /**
     * The data source the job queries, for the per-data-source concurrency limit; empty when none
     * or when the target is gone.
     */
    Optional<String> dataSourceOf(String organizationId, String targetId);
}
