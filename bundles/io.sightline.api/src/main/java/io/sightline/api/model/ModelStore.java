package io.sightline.api.model;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Persistence of semantic models, filtered by organization: a model of another organization
 * is never found. Implemented by the store module. Thread-safe.
 */
@ProviderType
public interface ModelStore {

    /** @throws IllegalStateException when the organization has a model of that name (ignoring case) */
    SemanticModel create(SemanticModel model);

    /**
     * Replaces name, description, data source, definition and update time.
     *
     * @throws IllegalStateException when another model of the organization has that name
     */
    Optional<SemanticModel> update(SemanticModel model);

    Optional<SemanticModel> find(String organizationId, String id);

    /** The model of that name, ignoring case. */
    Optional<SemanticModel> findByName(String organizationId, String name);

    /** The organization's models by name. */
    List<SemanticModel> list(String organizationId);

    boolean delete(String organizationId, String id);
}
