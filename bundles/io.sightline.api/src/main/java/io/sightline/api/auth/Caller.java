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
 * @param sourceAddress the client's IP address, for the audit log
 */
public record Caller(String userId, String organizationId, Role role, String sessionId, String sourceAddress) {
    public static final String PROPERTY = "io.sightline.caller";

    /** A caller whose address is not known (yet). */
    public Caller(String userId, String organizationId, Role role, String sessionId) {
        this(userId, organizationId, role, sessionId, null);
    }

    /** The same caller, seen from {@code address}. */
    public Caller from(String address) {
        return new Caller(userId, organizationId, role, sessionId, address);
    }
}
