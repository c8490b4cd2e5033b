package io.sightline.api.auth;

import io.sightline.api.account.Role;

/**
 * The authenticated caller of one API request, set by the auth module's request filter as the
 * request property {@link #PROPERTY}. Resources read it from the servlet request, which carries
 * the JAX-RS request properties: {@code (Caller) httpServletRequest.getAttribute(Caller.PROPERTY)}
 * with {@code @Context HttpServletRequest}.
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
