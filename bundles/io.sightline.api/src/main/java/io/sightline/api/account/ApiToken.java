package io.sightline.api.account;

import java.time.Instant;

/**
 * A personal API token for scripts and CI: acts as its user in one organization with a role no
 * higher than the user's. Only its hash is stored; the token itself is shown once.
 */
public record ApiToken(
        String id, String organizationId, String userId, String name, Role role, Instant createdAt, Instant expiresAt,
        Instant lastUsedAt) {}
