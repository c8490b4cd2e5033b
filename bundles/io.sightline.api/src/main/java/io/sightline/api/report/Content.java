package io.sightline.api.report;

import java.time.Instant;

/**
 * What every stored piece of content has: an id, its organization, a name people search for, and
 * its creator, who owns it. Implemented by immutable records.
 */
@org.osgi.annotation.versioning.ProviderType
public interface Content {
    /** The id (a UUID string). */
    String id();

    /** The organization it belongs to. */
    String organizationId();

    /** The name shown in lists; not unique (private content of others may share it). */
    String name();

    /** The user who created it: its owner. */
    String createdBy();

    /** When it was created. */
    Instant createdAt();

    /** When it last changed. */
    Instant updatedAt();
}
