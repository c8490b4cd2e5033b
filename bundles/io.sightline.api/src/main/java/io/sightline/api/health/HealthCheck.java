package io.sightline.api.health;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A readiness check contributed by a bundle; {@code /api/health/ready} reports every registered
 * check. Implementations must answer quickly (well under a second) and never throw.
 */
@ConsumerType
public interface HealthCheck {

    /** Short stable name, e.g. {@code store}. */
    String name();

    /** The current state; the message is shown to operators and must not contain secrets. */
    HealthStatus check();
}
