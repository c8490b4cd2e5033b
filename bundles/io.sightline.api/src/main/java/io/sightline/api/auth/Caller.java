package io.sightline.api.auth;

import io.sightline.api.account.Role;

/**
 * The authenticated caller of one API request, set by the auth module's request filter as the
 * request property {@link #PROPERTY} (read it with
 * {@code (Caller) requestContext.getProperty(Caller.PROPERTY)}).
 *
 * @param userId the user
 * @param organizationId the active organization: every organization-scoped read and write of the
 *     request is filtered by it
 * @param role the user's role in that organization (for an API token: the token's role)
 * @param sessionId the session (or API token) id, never the token itself
 */
public record Caller(String userId, String organizationId, Role role, String sessionId) {
    public static final String PROPERTY = "io.sightline.caller";
}
