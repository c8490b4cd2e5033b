package io.sightline.api.model;

import java.util.List;
import java.util.Map;

import io.sightline.api.query.ParameterDefinition;

/**
 * A model selection compiled to SQL for its data source's dialect: run it with the query service
 * like any query ({@code QueryRequest(dataSourceId, sql, parameters, values, …)}). Fixed filter
 * values arrive as generated parameters in {@code values}, never in the SQL text.
 *
 * @param dataSourceId the model's data source
 * @param sql SQL with {@code {{parameter}}} placeholders (and {@code [[ ]]} blocks for optional
 *     report parameters)
 * @param parameters the declarations of every placeholder: the report parameters the filters name,
 *     then generated ones for fixed values
 * @param values values for the generated parameters
 */
public record CompiledQuery(String dataSourceId, String sql, List<ParameterDefinition> parameters,
        Map<String, Object> values) {
    public CompiledQuery {
        parameters = List.copyOf(parameters);
        values = Map.copyOf(values);
    }
}
