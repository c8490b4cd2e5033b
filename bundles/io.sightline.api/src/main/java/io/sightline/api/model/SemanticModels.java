package io.sightline.api.model;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import io.sightline.api.auth.Caller;
import io.sightline.api.query.ParameterDefinition;

/**
 * Compiles report selections over semantic models. The caller must be able to read the
 * model (A-7: its creator, or shared with them); otherwise the model does not exist for them.
 * Thread-safe.
 */
@ProviderType
public interface SemanticModels {

    /**
     * Compiles a selection to SQL for the model's data source dialect.
     *
     * @param reportParameters the report's declared parameters, which filters may name
     * @throws ModelException {@code not_found} or {@code invalid}, with a message naming the field
     */
    CompiledQuery compile(Caller caller, String modelId, ModelQuery query, List<ParameterDefinition> reportParameters);
}
