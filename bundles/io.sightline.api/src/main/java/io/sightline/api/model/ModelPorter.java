package io.sightline.api.model;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

import io.sightline.api.auth.Caller;

/**
 * Semantic models in the export format (R-5, {@code docs/content-format.md}), for the module that
 * exports and imports reports and dashboards. The document names no data source: the exporter
 * writes the data source's name next to it, and the importer resolves that name to an id.
 * Thread-safe.
 */
@ProviderType
public interface ModelPorter {

    /**
     * A model as plain JSON-able maps and lists: {@code name}, {@code description} and
     * {@code definition}.
     *
     * @throws ModelException {@code not_found} when the caller may not read the model
     */
    Map<String, Object> export(Caller caller, String modelId);

    /**
     * Validates a document from {@link #export} against {@code dataSourceId}'s metadata and, unless
     * {@code dryRun}, stores it as a new model owned by the caller, private.
     *
     * @return the new model's id, or null for a dry run
     * @throws ModelException {@code invalid} when the name is taken or the definition does not fit
     *     the data source; {@code not_found} when there is no such data source
     */
    String importModel(Caller caller, Map<String, Object> document, String dataSourceId, boolean dryRun);
}
