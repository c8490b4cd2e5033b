package io.sightline.api.report;

import java.time.Instant;

/**
 * A grid of report and text tiles with dashboard filters that feed report parameters (SPEC R-2).
 * Immutable.
 *
 * @param id the id
 * @param organizationId its organization
 * @param name at most 200 characters
 * @param description free text, or null
 * @param filtersJson the dashboard filters: a JSON array ({@code name}, {@code label}, {@code type},
 *     {@code defaultValue}, {@code savedFilterId}); never null
 * @param tilesJson the tiles: a JSON array ({@code id}, {@code kind}, {@code reportId}, {@code text},
 *     {@code x}, {@code y}, {@code w}, {@code h}, {@code parameterMap}); never null
 * @param autoRefreshSeconds 0 for no auto-refresh, else from 60 to 86,400
 * @param createdBy its creator and owner
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record Dashboard(String id, String organizationId, String name, String description, String filtersJson,
        String tilesJson, int autoRefreshSeconds, String createdBy, Instant createdAt, Instant updatedAt)
        implements Content {}
