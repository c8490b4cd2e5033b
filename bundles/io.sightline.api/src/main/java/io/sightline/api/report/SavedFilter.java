package io.sightline.api.report;

import java.time.Instant;

/**
 * A filter whose values come from a query (SPEC R-3): the first column's distinct values of its
 * SQL, kept with the time they were read and refreshed on a schedule. Immutable.
 *
 * @param id the id
 * @param organizationId its organization
 * @param name at most 200 characters
 * @param dataSourceId the data source its SQL runs on
 * @param sql the SQL whose first column gives the values
 * @param valuesJson the last values read: a JSON array of strings (at most 1,000); never null
 * @param refreshedAt when the values were read, or null for never
 * @param refreshIntervalSeconds how often the schedule reads them again; 0 for never
 * @param createdBy its creator and owner
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record SavedFilter(String id, String organizationId, String name, String dataSourceId, String sql,
        String valuesJson, Instant refreshedAt, int refreshIntervalSeconds, String createdBy, Instant createdAt,
        Instant updatedAt) implements Content {}
