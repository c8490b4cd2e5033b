package io.sightline.api.auth;

import java.time.Instant;

/**
 * A signed-in session. Only hashes of its tokens are kept, so a leaked store does not hand out
 * sessions.
 *
 * @param id SHA-256 of the access token, hex
 * @param refreshHash SHA-256 of the refresh token, hex
 * @param userId the user
 * @param organizationId the active organization
 * @param createdAt sign-in time; the absolute lifetime counts from here
 * @param lastSeen last use; the idle lifetime counts from here
 */
public record AuthSession(
        String id, String refreshHash, String userId, String organizationId, Instant createdAt, Instant lastSeen) {

    public AuthSession withLastSeen(Instant when) {
        return new AuthSession(id, refreshHash, userId, organizationId, createdAt, when);
    }

    public AuthSession withOrganization(String organization) {
        return new AuthSession(id, refreshHash, userId, organization, createdAt, lastSeen);
    }
}
