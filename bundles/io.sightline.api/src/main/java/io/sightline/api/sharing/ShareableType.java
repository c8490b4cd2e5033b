package io.sightline.api.sharing;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One kind of shareable content, registered as a service by the module that keeps it (reports,
 * dashboards, filters by the report module; semantic models by the model module), so that
 * {@code /api/shares} can find an object's owner without knowing every module. Thread-safe.
 */
@ConsumerType
public interface ShareableType {

    /** The object type, as stored in {@link Share#objectType()}: e.g. {@code report}, {@code model}. */
    String objectType();

    /**
     * The creator (owner, A-7) of the object, or empty when the organization has no such object.
     * Must filter by organization.
     */
    Optional<String> creatorOf(String organizationId, String objectId);
}
