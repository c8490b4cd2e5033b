package io.sightline.api.report;

import java.time.Instant;

/**
 * A saved query and how it is drawn (SPEC R-1): SQL on a data source, or a selection from a
 * semantic model, plus a visualization. Immutable.
 *
 * @param id the id
 * @param organizationId its organization
 * @param name at most 200 characters
 * @param description free text, or null
 * @param dataSourceId the data source its SQL runs on; for a model report, the model's data source
 * @param sql the SQL with {@code {{parameters}}}, or null for a model report
 * @param parametersJson the parameter declarations: a JSON array in the shape of
 *     {@code io.sightline.api.query.QueryJson.ParameterInput}; never null ({@code []})
 * @param modelId the semantic model of a model report, or null for a SQL report
 * @param modelQueryJson the selection from the model, JSON in the shape of
 *     {@code io.sightline.api.model.ModelQuery}, or null for a SQL report
 * @param visualizationType {@code table}, {@code number}, {@code line}, {@code bar}, {@code area},
 *     {@code pie}, {@code scatter} or {@code pivot}
 * @param settingsJson the visualization's settings: a JSON object owned by the UI, kept verbatim
 *     (at most 64 KB); never null ({@code {}})
 * @param createdBy its creator and owner
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record Report(String id, String organizationId, String name, String description, String dataSourceId, String sql,
        String parametersJson, String modelId, String modelQueryJson, String visualizationType, String settingsJson,
        String createdBy, Instant createdAt, Instant updatedAt) implements Content {}
