package io.sightline.report.internal;

import java.util.List;
import java.util.Optional;

import io.sightline.api.auth.Caller;
import io.sightline.api.report.Content;
import io.sightline.api.report.ContentStore;
import io.sightline.api.rest.ApiException;
import io.sightline.api.sharing.Access;
import io.sightline.api.sharing.SharingStore;

/**
 * A-7 for this module: content is its creator's (OWNER) until shared; roles grant nothing. What a
 * caller may not read does not exist for them (404); what they may read but not change answers 403.
 */
final class ContentAccess {
    private final SharingStore sharing;

    ContentAccess(SharingStore sharing) {
        this.sharing = sharing;
    }

    Access of(Caller caller, String type, Content content) {
        return sharing.accessOf(caller.organizationId(), type, content.id(), content.createdBy(), caller.userId());
    }

    /**
     * The object, if the caller holds at least {@code needed} on it.
     *
     * @throws ApiException 404 when it is missing or unreadable, 403 when readable but not enough
     */
    <T extends Content> T require(Caller caller, String type, Optional<T> found, Access needed) {
        T content = found.orElseThrow(() -> notFound(type));
        Access access = of(caller, type, content);
        if (access == Access.NONE) {
            throw notFound(type);
        }
        if (!access.includes(needed)) {
            throw new ApiException(403, "forbidden", needed == Access.OWNER
                    ? "Only the owner of this " + type + " may do this."
                    : "This " + type + " is shared with you for reading only.", null);
        }
        return content;
    }

    /** Whether the caller may read the object; false when it is missing. */
    <T extends Content> boolean canRead(Caller caller, String type, Optional<T> found) {
        return found.map(c -> of(caller, type, c) != Access.NONE).orElse(false);
    }

    /** The caller's own objects and those shared with them. */
    <T extends Content> List<T> visible(Caller caller, String type, ContentStore<T> store) {
        return store.visibleTo(caller.organizationId(), caller.userId(),
                sharing.sharedWith(caller.organizationId(), type, caller.userId()));
    }

    /** Removes every grant of a deleted object. */
    void forget(Caller caller, String type, String id) {
        sharing.unshareAll(caller.organizationId(), type, id);
    }

    static ApiException notFound(String type) {
        return ApiException.notFound("No " + type + " with this id.");
    }
}
