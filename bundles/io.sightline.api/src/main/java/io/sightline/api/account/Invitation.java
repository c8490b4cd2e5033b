package io.sightline.api.account;

import java.time.Instant;

/** An emailed invitation to join an organization with a role; only its token's hash is stored. */
public record Invitation(
        String id, String organizationId, String email, Role role, String invitedBy, Instant createdAt, Instant expiresAt) {}
