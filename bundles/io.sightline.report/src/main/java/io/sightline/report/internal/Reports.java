package io.sightline.report.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;

import io.sightline.api.auth.Caller;
import io.sightline.api.datasource.DataSourceStore;
import io.sightline.api.model.ModelQuery;
import io.sightline.api.query.ParameterDefinition;
import io.sightline.api.query.QueryJson;
import io.sightline.api.query.QueryJson.ParameterInput;
import io.sightline.api.report.Report;
import io.sightline.api.rest.ApiException;
import io.sightline.api.sharing.Access;
import io.sightline.report.internal.ContentJson.ReportJson;
import io.sightline.report.internal.ContentJson.Visualization;

/** Reports between their JSON form, their stored form and what runs. Stateless apart from its services. */
final class Reports {
    private static final TypeReference<List<ParameterInput>> PARAMETERS = new TypeReference<>() {};

    private final DataSourceStore dataSources;
    private final ReportRunner runner;

    Reports(DataSourceStore dataSources, ReportRunner runner) {
        this.dataSources = dataSources;
        this.runner = runner;
    }

    /**
     * A checked report from JSON: every field validated, the data source of the caller's
     * organization, a model selection compiled (which also gives its data source).
     *
     * @param id the report's id
     * @param old the stored report for an update (keeps creator and creation time), or null
     * @throws ApiException 400 naming the first bad field; 503 for a model report without the models module
     */
    Report validated(Caller caller, ReportJson in, String id, Report old) {
        return validated(caller, in, id, old, null);
    }

    /**
     * As {@link #validated(Caller, ReportJson, String, Report)}; with {@code modelDataSourceId} a
     * model report is taken as it is, on that data source, without compiling (an import checks the
     * model it brings along itself).
     */
    Report validated(Caller caller, ReportJson in, String id, Report old, String modelDataSourceId) {
        if (in == null) {
            throw ApiException.badRequest(null, "Send the report as JSON.");
        }
        String name = Validation.name(in.name(), "name");
        String description = Validation.description(in.description(), "description");
        Visualization visualization = in.visualization();
        if (visualization == null) {
            throw ApiException.badRequest("visualization", "Choose how the report is drawn.");
        }
        String type = Validation.visualizationType(visualization.type(), "visualization.type");
        String settings = Validation.settings(visualization.settings(), "visualization.settings");
        List<ParameterDefinition> parameters = QueryJson.definitions(in.parameters(), "parameters");
        String dataSourceId;
        String sql = null;
        String modelQuery = null;
        if (in.modelId() != null && !in.modelId().isBlank()) {
            if (in.sql() != null && !in.sql().isBlank()) {
                throw ApiException.badRequest("sql", "A report is built from SQL or from a model, not both.");
            }
            if (in.modelQuery() == null) {
                throw ApiException.badRequest("modelQuery", "Pick dimensions and metrics from the model.");
            }
            dataSourceId = modelDataSourceId != null ? modelDataSourceId
                    : runner.compile(caller, in.modelId(), in.modelQuery(), parameters).dataSourceId();
            modelQuery = Json.write(in.modelQuery());
        } else {
            if (in.modelQuery() != null) {
                throw ApiException.badRequest("modelId", "A model selection needs the model it selects from.");
            }
            sql = Validation.sql(in.sql(), "sql");
            dataSourceId = dataSource(caller, in.dataSourceId(), "dataSourceId");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new Report(id, caller.organizationId(), name, description, dataSourceId, sql,
                Json.write(parameters.stream().map(ParameterInput::of).toList()), blankToNull(in.modelId()), modelQuery, type,
                settings, old == null ? caller.userId() : old.createdBy(), old == null ? now : old.createdAt(), now);
    }

    /** The id of a data source of the caller's organization. */
    String dataSource(Caller caller, String id, String field) {
        Validation.required(id, field, "Choose a data source.");
        return dataSources.find(caller.organizationId(), id)
                .orElseThrow(() -> ApiException.badRequest(field, "No data source with this id.")).id();
    }

    ReportJson view(Report r, Access access) {
        return new ReportJson(r.id(), r.name(), r.description(), r.dataSourceId(), r.sql(), parameterInputs(r), r.modelId(),
                modelQuery(r), new Visualization(r.visualizationType(), Json.readObject(r.settingsJson())), r.createdBy(),
                r.createdAt(), r.updatedAt(), access.name());
    }

    static List<ParameterInput> parameterInputs(Report r) {
        return Json.read(r.parametersJson(), PARAMETERS);
    }

    static List<ParameterDefinition> parameters(Report r) {
        return QueryJson.definitions(parameterInputs(r), "parameters");
    }

    static ModelQuery modelQuery(Report r) {
        return r.modelQueryJson() == null ? null : Json.read(r.modelQueryJson(), new TypeReference<ModelQuery>() {});
    }

    static ReportRunner.Spec spec(Report r) {
        return new ReportRunner.Spec(r.dataSourceId(), r.sql(), parameters(r), r.modelId(), modelQuery(r));
    }

    /** The caller as the report's owner, who compiles a shared model report (sharing it shares what it shows). */
    static Caller owner(Caller caller, Report r) {
        return new Caller(r.createdBy(), caller.organizationId(), caller.role(), caller.sessionId(), caller.sourceAddress());
    }

    static boolean matches(String name, String q) {
        return q == null || q.isBlank() || name.toLowerCase(java.util.Locale.ROOT).contains(q.strip().toLowerCase(java.util.Locale.ROOT));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static Map<String, Object> values(Map<String, Object> values) {
        return values == null ? Map.of() : values;
    }
}
