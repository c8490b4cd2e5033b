package io.sightline.api.query;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Persistence of SQL snippets, filtered by organization. */
@ProviderType
public interface SnippetStore {

    Snippet create(Snippet snippet);

    Optional<Snippet> update(Snippet snippet);

    Optional<Snippet> find(String organizationId, String id);

    Optional<Snippet> findByName(String organizationId, String name);

    List<Snippet> list(String organizationId);

    boolean delete(String organizationId, String id);
}
