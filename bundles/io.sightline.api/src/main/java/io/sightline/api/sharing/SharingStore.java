package io.sightline.api.sharing;

import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Grants on content, filtered by organization like every organization-scoped store. The
 * content modules keep who created each object and ask here what anyone else may do with it.
 */
@ProviderType
public interface SharingStore {

    /**
     * Shares an object with one member ({@code userId}) or, with a null {@code userId}, the whole
     * organization; replaces an earlier grant to the same grantee.
     *
     * @param access {@link Access#READ} or {@link Access#EDIT}
     */
    Share share(String organizationId, String objectType, String objectId, String userId, Access access, String grantedBy);

    /** @return whether a share of this organization was removed */
    boolean unshare(String organizationId, String shareId);

    /** One grant, only if it belongs to {@code organizationId}. */
    java.util.Optional<Share> find(String organizationId, String shareId);

    List<Share> sharesOf(String organizationId, String objectType, String objectId);

    /**
     * What {@code userId} may do with the object: {@link Access#OWNER} for its creator, otherwise the
     * highest grant to the user or the whole organization, else {@link Access#NONE}. The user's role
     * does not count: Admins and Owners do not see others' private content.
     */
    Access accessOf(String organizationId, String objectType, String objectId, String creatorId, String userId);

    /** Ids of the objects of one type shared with the user, directly or through the organization. */
    Set<String> sharedWith(String organizationId, String objectType, String userId);

    /** Removes every grant of an object, when it is deleted. */
    void unshareAll(String organizationId, String objectType, String objectId);
}
