package io.sightline.api.account;

import java.time.Instant;

/** A tenant: every stored row of user content belongs to exactly one organization. */
public record Organization(String id, String name, Instant createdAt) {}
