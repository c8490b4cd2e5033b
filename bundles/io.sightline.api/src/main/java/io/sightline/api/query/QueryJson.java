package io.sightline.api.query;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.sightline.api.rest.ApiException;

/**
 * The JSON shapes of queries in the REST API, shared by every resource that takes parameter
 * declarations or answers a {@link QueryResult} ({@code /api/queries}, reports, dashboard tiles),
 * so that a result or a parameter looks the same wherever it appears. Stateless; the records are
 * immutable.
 */
public final class QueryJson {
    private QueryJson() {}

    /**
     * A parameter declaration as JSON writes it.
     *
     * @param name the parameter name ({@link ParameterDefinition#NAME})
     * @param type {@code text}, {@code number}, {@code date}, {@code date_range} or {@code list}, in
     *     any case; null means text
     * @param required null means false
     * @param defaultValue in the JSON forms {@link ParameterValues} accepts, or null
     * @param label what the UI shows, or null
     */
    public record ParameterInput(String name, String type, Boolean required, Object defaultValue, String label) {

        /** The JSON form of a declaration; the type is written in upper case. */
        public static ParameterInput of(ParameterDefinition p) {
            return new ParameterInput(p.name(), p.type().name(), p.required(), p.defaultValue(), p.label());
        }

        /**
         * The declaration this JSON describes.
         *
         * @param field the request field the list sits in, e.g. {@code parameters}, used to name
         *     the offending field in errors ({@code parameters.region.type})
         * @throws ApiException 400 naming the field when the name, type or default is not valid
         */
        public ParameterDefinition definition(String field) {
            if (name == null || !ParameterDefinition.NAME.matcher(name).matches()) {
                throw ApiException.badRequest(field, "A parameter name starts with a letter or _ and has up to 63 "
                        + "letters, digits and _.");
            }
            ParameterType parameterType;
            try {
                parameterType = ParameterType.valueOf((type == null ? "text" : type).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(field + "." + name + ".type", "Use text, number, date, date_range or list.");
            }
            Object value;
            try {
                value = ParameterValues.convert(name, parameterType, defaultValue);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(field + "." + name + ".defaultValue", e.getMessage());
            }
            try {
                return new ParameterDefinition(name, parameterType, required != null && required, value, label);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(field + "." + name, e.getMessage());
            }
        }
    }

    /**
     * The declarations of a JSON list, in order; null is an empty list.
     *
     * @throws ApiException 400 naming {@code field} (or one of its parameters) when one is not valid
     *     or a name is declared twice
     */
    public static List<ParameterDefinition> definitions(List<ParameterInput> inputs, String field) {
        if (inputs == null) {
            return List.of();
        }
        List<ParameterDefinition> definitions = new ArrayList<>(inputs.size());
        for (ParameterInput input : inputs) {
            if (input == null) {
                throw ApiException.badRequest(field, "A parameter declaration is missing.");
            }
            ParameterDefinition definition = input.definition(field);
            if (definitions.stream().anyMatch(d -> d.name().equals(definition.name()))) {
                throw ApiException.badRequest(field + "." + definition.name(), "Parameter '" + definition.name()
                        + "' is declared twice.");
            }
            definitions.add(definition);
        }
        return List.copyOf(definitions);
    }

    /** One bound value of the SQL sent; the type in lower case. */
    public record ValueView(int index, String parameter, String type, Object value) {}

    /**
     * The SQL sent and its bound values, with relative dates already resolved, and the time
     * zone applied to the run (an IANA id such as {@code Europe/Paris}, or {@code UTC}).
     */
    public record SqlView(String sql, List<ValueView> values, String display, String timeZone) {
        public static SqlView of(BoundSql sql) {
            return new SqlView(sql.sql(), sql.values().stream().map(v -> new ValueView(v.index(), v.parameter(),
                    v.type().name().toLowerCase(Locale.ROOT), v.value().toString())).toList(), sql.display(),
                    sql.timeZone().getId());
        }
    }

    /**
     * A time zone sent as JSON: an IANA id such as {@code Europe/Paris} (or an offset such as
     * {@code +02:00}); null or blank is none.
     *
     * @throws ApiException 400 naming {@code field} when it is not a time zone
     */
    public static ZoneId timeZone(String id, String field) {
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(id.strip());
        } catch (DateTimeException e) {
            String shown = id.length() > 60 ? id.substring(0, 60) + "…" : id;
            throw ApiException.badRequest(field, "'" + shown.replaceAll("\\p{Cntrl}", " ")
                    + "' is not a time zone; use an IANA name such as Europe/Paris or America/New_York.");
        }
    }

    /** A result column; the kind in lower case. */
    public record ColumnView(String name, String databaseType, String kind) {}

    /** A {@link QueryResult} as JSON. */
    public record ResultView(String id, String dataSourceId, SqlView sql, List<ColumnView> columns, List<List<Object>> rows,
            int rowCount, boolean limitReached, int maxRows, long durationMillis, Instant computedAt, boolean fromCache) {
        public static ResultView of(QueryResult r) {
            return new ResultView(r.id(), r.dataSourceId(), SqlView.of(r.sql()), r.columns().stream()
                    .map(c -> new ColumnView(c.name(), c.databaseType(), c.kind().name().toLowerCase(Locale.ROOT)))
                    .toList(), r.rows(), r.rows().size(), r.limitReached(), r.maxRows(), r.durationMillis(), r.computedAt(),
                    r.fromCache());
        }
    }

    /** The HTTP answer to a failed query: its status follows {@link QueryException.Reason}. */
    public static ApiException error(QueryException e) {
        int status = switch (e.reason()) {
            case INVALID, NOT_A_QUERY -> 400;
            case NOT_FOUND -> 404;
            case CANCELLED -> 409;
            case DATABASE -> 422;
            case BUSY -> 429;
            case CONNECTION -> 502;
            case DRIVER_MISSING -> 503;
            case TIMEOUT -> 504;
        };
        return new ApiException(status, e.reason().name().toLowerCase(Locale.ROOT), e.getMessage(), e.field());
    }
}
