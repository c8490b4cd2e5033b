package io.sightline.api.datasource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Persistence of data sources and their metadata, filtered by organization. Implemented by
 * the store module.
 */
@ProviderType
public interface DataSourceStore {

    /**
     * Stores a new data source ({@code id}, times and creator as given).
     *
     * @throws IllegalStateException when the organization already has a data source of that name
     */
    DataSourceDefinition create(DataSourceDefinition definition);

    /**
     * Replaces a data source's fields (not its id, organization, creator or creation time).
     *
     * @throws IllegalStateException when another data source of the organization has that name
     */
    Optional<DataSourceDefinition> update(DataSourceDefinition definition);

    Optional<DataSourceDefinition> find(String organizationId, String id);

    /** The organization's data sources by name. */
    List<DataSourceDefinition> list(String organizationId);

    /** Removes a data source and its metadata; answers whether it existed. */
    boolean delete(String organizationId, String id);

    /**
     * Stores what was read from the database (DS-5), replacing earlier metadata: a short summary
     * (at most 4,000 characters) and the schema, both JSON text written by the data source module.
     */
    void saveMetadata(String organizationId, String id, Instant readAt, String summary, String schema);

    /** The stored metadata with its schema. */
    Optional<StoredMetadata> metadata(String organizationId, String id);

    /** The summaries of the organization's data sources that have metadata, by data source id (schema null). */
    java.util.Map<String, StoredMetadata> summaries(String organizationId);

    /**
     * Every data source of every organization whose metadata was read before {@code before} (or
     * never): the refresh schedule's work list. Crosses organizations by design; ids only.
     */
    List<Ref> metadataOlderThan(Instant before);

    /** A data source's id and organization. */
    record Ref(String organizationId, String id) {}

    /** Metadata as stored. */
    record StoredMetadata(Instant readAt, String summary, String schema) {}
}
