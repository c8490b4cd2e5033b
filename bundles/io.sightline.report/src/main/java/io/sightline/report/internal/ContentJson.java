package io.sightline.report.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.sightline.api.model.ModelQuery;
import io.sightline.api.query.QueryJson.ParameterInput;

/**
 * The JSON shapes of {@code /api/reports}, {@code /api/dashboards}, {@code /api/filters} and
 * {@code /api/shares} (docs/reports.md). One record serves as request and answer: the fields a
 * client may not set ({@code id}, {@code access}, {@code created*}, …) are accepted and ignored, so
 * a client may send back what it read.
 */
final class ContentJson {
    private ContentJson() {}

    /** How a report is drawn: a type and the UI's settings, kept verbatim. */
    record Visualization(String type, Map<String, Object> settings) {}

    record ReportJson(String id, String name, String description, String dataSourceId, String sql,
            List<ParameterInput> parameters, String modelId, ModelQuery modelQuery, Visualization visualization,
            String createdBy, Instant createdAt, Instant updatedAt, String access) {}

    /**
     * A dashboard filter. {@code options} is answered only: the values of its saved filter, so that
     * whoever may read the dashboard sees the choices.
     */
    record DashboardFilter(String name, String label, String type, Object defaultValue, String savedFilterId,
            List<String> options) {}

    /** A tile of the 12-column grid: a report ({@code reportId}) or text. */
    record Tile(String id, String kind, String reportId, String text, Integer x, Integer y, Integer w, Integer h,
            Map<String, String> parameterMap) {}

    record DashboardJson(String id, String name, String description, List<DashboardFilter> filters, List<Tile> tiles,
            Integer autoRefreshSeconds, String createdBy, Instant createdAt, Instant updatedAt, String access,
            Integer hiddenTiles) {}

    record SavedFilterJson(String id, String name, String dataSourceId, String sql, List<String> values,
            Instant refreshedAt, Integer refreshIntervalSeconds, String createdBy, Instant createdAt, Instant updatedAt,
            String access) {}

    /**
     * A cross-filter or drill-through condition on a result column. {@code type} (TEXT, NUMBER or
     * DATE) is optional: by default a JSON number is a NUMBER and anything else TEXT.
     */
    record Where(String column, Object value, String type) {}

    /**
     * A run of a report or tile; {@code refresh} bypasses the cache; {@code timeZone} is the user's
     * IANA zone (relative dates and zoned timestamps follow it), null for UTC.
     */
    record RunInput(Map<String, Object> values, Boolean refresh, Integer maxRows, List<Where> where, String timeZone) {
        RunInput(Map<String, Object> values, Boolean refresh, Integer maxRows, List<Where> where) {
            this(values, refresh, maxRows, where, null);
        }

        /** The time zone sent, checked. */
        java.time.ZoneId zone() {
            return io.sightline.api.query.QueryJson.timeZone(timeZone, "timeZone");
        }
    }

    record ShareInput(String objectType, String objectId, String userId, String access) {}
}
