package io.sightline.api.report;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Persistence of one kind of content, filtered by organization like every organization-scoped
 * store: an id of another organization is not found. Access between members is not
 * decided here but by the caller with {@link io.sightline.api.sharing.SharingStore}. Thread-safe.
 *
 * @param <T> the content record
 */
@ProviderType
public interface ContentStore<T extends Content> {

    /** Stores a new object with the id, creator and times it carries. */
    T create(T content);

    /**
     * Replaces an object's fields (not its id, organization, creator or creation time).
     *
     * @return the stored object, or empty when the organization has no object with that id
     */
    Optional<T> update(T content);

    /** One object, only if it belongs to {@code organizationId}. */
    Optional<T> find(String organizationId, String id);

    /**
     * The objects a member may see: those {@code userId} created, plus those whose id is in
     * {@code sharedIds} (from {@link io.sightline.api.sharing.SharingStore#sharedWith}), by name.
     */
    List<T> visibleTo(String organizationId, String userId, Collection<String> sharedIds);

    /** Removes an object; answers whether it existed in the organization. */
    boolean delete(String organizationId, String id);
}
