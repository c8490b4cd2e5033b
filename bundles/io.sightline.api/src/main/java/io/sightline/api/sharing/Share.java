package io.sightline.api.sharing;

import java.time.Instant;

/**
 * One grant on one object.
 *
 * @param id share id
 * @param organizationId organization of the object
 * @param objectType kind of content, e.g. {@code report}, {@code dashboard}, {@code model}
 * @param objectId the object
 * @param userId the member it is shared with, or null for the whole organization
 * @param access {@link Access#READ} or {@link Access#EDIT}
 * @param grantedBy who shared it
 * @param createdAt when
 */
public record Share(
        String id, String organizationId, String objectType, String objectId, String userId, Access access,
        String grantedBy, Instant createdAt) {}
