package io.sightline.api.model;

import java.time.Instant;

/**
 * A stored semantic model. Private to its creator until shared (A-7, object type
 * {@link #OBJECT_TYPE} in {@link io.sightline.api.sharing.SharingStore}).
 *
 * @param id model id
 * @param organizationId the organization it belongs to
 * @param name unique in the organization, ignoring case
 * @param description free text, or null
 * @param dataSourceId the data source it describes
 * @param definition the {@link ModelDefinition} as JSON text
 * @param createdBy the creator's user id (its OWNER)
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record SemanticModel(String id, String organizationId, String name, String description, String dataSourceId,
        String definition, String createdBy, Instant createdAt, Instant updatedAt) {
    /** The sharing object type of models. */
    public static final String OBJECT_TYPE = "model";
}
