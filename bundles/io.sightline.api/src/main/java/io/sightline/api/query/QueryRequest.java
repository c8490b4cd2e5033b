package io.sightline.api.query;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * One run of SQL on a data source (SPEC ).
 *
 * @param dataSourceId the data source of the caller's organization
 * @param sql the SQL as written, with {@code {{parameters}}}, {@code {{snippet:name}}} and
 *     optional {@code [[ … ]]} blocks
 * @param parameters the declared parameters, by name; never null
 * @param values the values given, by parameter name (JSON types: text, number, list, or an
 *     object with {@code start}/{@code end} for a date range); never null
 * @param maxRows the most rows to return, or 0 for the server's default; an export ignores it
 * @param useCache whether a cached result may answer (C-1); false forces a run
 * @param id a client-chosen id (letters, digits, {@code -}, up to 64) so the client can cancel the
 *     run while it waits for it, or null for one made by the server
 * @param timeZone the user's time zone, or null for UTC: relative date values ({@code last 7 days})
 *     are resolved from today in this zone, and timestamps with a time zone are shown in it
 */
public record QueryRequest(String dataSourceId, String sql, List<ParameterDefinition> parameters,
        Map<String, Object> values, int maxRows, boolean useCache, String id, ZoneId timeZone) {
    public QueryRequest {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }

    /** A request in UTC (no time zone). */
    public QueryRequest(String dataSourceId, String sql, List<ParameterDefinition> parameters, Map<String, Object> values,
            int maxRows, boolean useCache, String id) {
        this(dataSourceId, sql, parameters, values, maxRows, useCache, id, null);
    }

    /** The zone of a request without one. */
    public static final ZoneId UTC = ZoneId.of("UTC");

    /** The time zone that applies: {@link #timeZone()}, or {@link #UTC} when there is none. */
    public ZoneId effectiveTimeZone() {
        return timeZone == null ? UTC : timeZone;
    }
}
