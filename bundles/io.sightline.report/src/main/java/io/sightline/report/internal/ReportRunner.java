package io.sightline.report.internal;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import io.sightline.api.auth.Caller;
import io.sightline.api.datasource.DataSourceConnections;
import io.sightline.api.datasource.DataSourceDefinition;
import io.sightline.api.datasource.DataSourceStore;
import io.sightline.api.driver.DatabaseDriver;
import io.sightline.api.model.CompiledQuery;
import io.sightline.api.model.ModelException;
import io.sightline.api.model.ModelQuery;
import io.sightline.api.model.SemanticModels;
import io.sightline.api.query.ParameterDefinition;
import io.sightline.api.query.ParameterType;
import io.sightline.api.query.QueryException;
import io.sightline.api.query.QueryJson;
import io.sightline.api.query.QueryRequest;
import io.sightline.api.query.QueryResult;
import io.sightline.api.query.QueryService;
import io.sightline.api.rest.ApiException;
import io.sightline.report.internal.ContentJson.Where;

/**
 * Turns a report into a {@link QueryRequest} and runs it through the query service, so reports get
 * what every query gets: bound parameters, read-only sessions, timeouts, the cache (C-1), history
 * and audit. Model reports are compiled by the semantic models module first; cross-filters wrap
 * the SQL with bound conditions on result columns.
 */
final class ReportRunner {
    /** A result column that may be filtered on: a plain name, so quoting it is all it needs. */
    static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    static final int MAX_WHERE = 20;
    static final String MODELS_MISSING = "Reports built from semantic models need the semantic models module "
            + "(io.sightline.model), which is not installed.";

    /** What runs: SQL on a data source, or a model selection. */
    record Spec(String dataSourceId, String sql, List<ParameterDefinition> parameters, String modelId,
            ModelQuery modelQuery) {}

    private final QueryService queries;
    private final DataSourceStore dataSources;
    private final DataSourceConnections connections;
    private final Supplier<SemanticModels> models;

    ReportRunner(QueryService queries, DataSourceStore dataSources, DataSourceConnections connections,
            Supplier<SemanticModels> models) {
        this.queries = queries;
        this.dataSources = dataSources;
        this.connections = connections;
        this.models = models;
    }

    /**
     * Runs a report as {@code caller}; a model selection is compiled as {@code modelReader} (the
     * report's owner for a saved report: sharing a report shares what it shows), in the user's
     * time zone ({@code timeZone}, null for UTC).
     */
    QueryResult run(Caller caller, Caller modelReader, Spec spec, Map<String, Object> values, List<Where> where,
            boolean refresh, int maxRows, ZoneId timeZone) {
        QueryRequest request = request(modelReader, spec, values, refresh, maxRows, timeZone);
        if (where != null && !where.isEmpty()) {
            request = wrap(request, where, driver(caller, request.dataSourceId())::quoteIdentifier);
        }
        try {
            return queries.run(caller, request);
        } catch (QueryException e) {
            throw QueryJson.error(e);
        }
    }

    QueryRequest request(Caller modelReader, Spec spec, Map<String, Object> values, boolean refresh, int maxRows,
            ZoneId timeZone) {
        Map<String, Object> given = values == null ? Map.of() : values;
        if (spec.modelId() == null) {
            return new QueryRequest(spec.dataSourceId(), spec.sql(), spec.parameters(), given, maxRows, !refresh, null,
                    timeZone);
        }
        CompiledQuery compiled = compile(modelReader, spec.modelId(), spec.modelQuery(), spec.parameters());
        // The report's values for its own parameters, then the model's generated ones, which win.
        Map<String, Object> merged = new LinkedHashMap<>(given);
        merged.putAll(compiled.values());
        return new QueryRequest(compiled.dataSourceId(), compiled.sql(), compiled.parameters(), merged, maxRows, !refresh,
                null, timeZone);
    }

    /**
     * Compiles a model selection.
     *
     * @throws ApiException 503 without the models module; 400 naming {@code modelId} or
     *     {@code modelQuery} when it does not compile
     */
    CompiledQuery compile(Caller caller, String modelId, ModelQuery query, List<ParameterDefinition> parameters) {
        SemanticModels compiler = models.get();
        if (compiler == null) {
            throw new ApiException(503, "models_unavailable", MODELS_MISSING, "modelId");
        }
        try {
            return compiler.compile(caller, modelId, query, parameters);
        } catch (ModelException e) {
            throw ApiException.badRequest("not_found".equals(e.code()) ? "modelId" : "modelQuery", e.getMessage());
        }
    }

    private DatabaseDriver driver(Caller caller, String dataSourceId) {
        DataSourceDefinition ds = dataSources.find(caller.organizationId(), dataSourceId)
                .orElseThrow(() -> new ApiException(404, "not_found", "No data source with this id.", "dataSourceId"));
        return connections.driver(ds.driver()).orElseThrow(() -> new ApiException(503, "driver_missing",
                "The driver module '" + ds.driver() + "' of this data source is not installed.", null));
    }

    /**
     * Cross-filtering and drill-through: {@code SELECT * FROM (<sql>) sl_q WHERE "col" = {{sl_where_0}} AND …},
     * the column quoted by the data source's driver and the value a generated, bound parameter.
     *
     * @throws ApiException 400 naming {@code where[i].column} or {@code where[i].value}
     */
    static QueryRequest wrap(QueryRequest base, List<Where> where, UnaryOperator<String> quote) {
        if (where.size() > MAX_WHERE) {
            throw ApiException.badRequest("where", "At most " + MAX_WHERE + " conditions.");
        }
        Set<String> taken = new HashSet<>();
        base.parameters().forEach(p -> taken.add(p.name()));
        List<ParameterDefinition> parameters = new ArrayList<>(base.parameters());
        Map<String, Object> values = new LinkedHashMap<>(base.values());
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < where.size(); i++) {
            Where w = where.get(i);
            String field = "where[" + i + "]";
            if (w == null || w.column() == null || !COLUMN.matcher(w.column()).matches()) {
                throw ApiException.badRequest(field + ".column", "Name a result column: a letter or _, then letters, "
                        + "digits and _ (at most 128).");
            }
            String column = quote.apply(w.column());
            if (w.value() == null) {
                conditions.add(column + " IS NULL");
                continue;
            }
            ParameterType type = whereType(w, field);
            String name = "sl_where_" + i;
            while (!taken.add(name)) {
                name = name + "_";
            }
            parameters.add(ParameterDefinition.of(name, type, true));
            values.put(name, w.value()); // converted and bound by the query service, never spliced
            conditions.add(column + " = {{" + name + "}}");
        }
        String sql = "SELECT * FROM (\n" + withoutTrailingSemicolons(base.sql()) + "\n) sl_q WHERE "
                + String.join(" AND ", conditions);
        return new QueryRequest(base.dataSourceId(), sql, parameters, values, base.maxRows(), base.useCache(), base.id(),
                base.timeZone());
    }

    private static ParameterType whereType(Where w, String field) {
        ParameterType type;
        if (w.type() == null) {
            type = w.value() instanceof Number ? ParameterType.NUMBER : ParameterType.TEXT;
        } else {
            try {
                type = ParameterType.valueOf(w.type().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                type = null;
            }
            if (type != ParameterType.TEXT && type != ParameterType.NUMBER && type != ParameterType.DATE) {
                throw ApiException.badRequest(field + ".type", "Use TEXT, NUMBER or DATE.");
            }
        }
        if (!(w.value() instanceof String || w.value() instanceof Number)) {
            throw ApiException.badRequest(field + ".value", "A text, a number or null.");
        }
        if (type == ParameterType.NUMBER && w.value() instanceof String s) {
            try {
                new BigDecimal(s.strip());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest(field + ".value", "Not a number.");
            }
        }
        return type;
    }

    private static String withoutTrailingSemicolons(String sql) {
        String s = sql.stripTrailing();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).stripTrailing();
        }
        return s;
    }
}
