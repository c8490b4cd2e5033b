package io.sightline.api.account;

import java.time.Instant;

/** A user's single role in one organization. */
public record Membership(String id, String organizationId, String userId, Role role, Instant createdAt) {}
