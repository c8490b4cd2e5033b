package io.sightline.api.query;

import java.time.Instant;

/**
 * A named SQL fragment of an organization, used in queries as {@code {{snippet:name}}} (SPEC Q-1).
 *
 * @param id id
 * @param organizationId organization
 * @param name unique in the organization
 * @param description what it is for, or null
 * @param sql the fragment (may use parameters and other snippets)
 * @param createdBy user id
 * @param updatedAt last change
 */
public record Snippet(String id, String organizationId, String name, String description, String sql,
        String createdBy, Instant updatedAt) {}
