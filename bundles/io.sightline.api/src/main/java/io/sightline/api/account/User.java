package io.sightline.api.account;

import java.time.Instant;

/** A person who can sign in; belongs to organizations through {@link Membership}s. */
public record User(String id, String email, String displayName, Instant createdAt) {}
