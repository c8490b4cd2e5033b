package io.sightline.api.schedule;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Persistence of {@link Alert}s, scoped to one organization. Implemented by the store module. */
@ProviderType
public interface AlertStore {

    Alert create(Alert alert);

    /** Replaces what a user edits (name, query, condition, notifications); keeps the state. */
    Optional<Alert> update(Alert alert);

    /** Keeps the outcome of a run: state, last value, time and message. */
    void saveState(Alert alert);

    Optional<Alert> find(String organizationId, String id);

    List<Alert> list(String organizationId);

    boolean delete(String organizationId, String id);
}
