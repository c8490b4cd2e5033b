package io.sightline.model.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.sightline.api.account.Role;
import io.sightline.api.audit.AuditEvent;
import io.sightline.api.audit.AuditLog;
import io.sightline.api.auth.Caller;
import io.sightline.api.datasource.DataSourceDefinition;
import io.sightline.api.datasource.DataSourceStore;
import io.sightline.api.driver.DatabaseDriver;
import io.sightline.api.model.CompiledQuery;
import io.sightline.api.model.ModelDefinition;
import io.sightline.api.model.ModelException;
import io.sightline.api.model.ModelPorter;
import io.sightline.api.model.ModelQuery;
import io.sightline.api.model.ModelStore;
import io.sightline.api.model.SemanticModel;
import io.sightline.api.model.SemanticModels;
import io.sightline.api.model.TimeGrain;
import io.sightline.api.query.ParameterDefinition;
import io.sightline.api.sharing.Access;
import io.sightline.api.sharing.SharingStore;

/**
 * Semantic models: stored per organization, private to their creator until shared,
 * validated against the data source's metadata when saved, compiled for the data source's driver.
 * Thread-safe: state is the set of installed drivers, which come and go (DS-2).
 */
@Component(service = {ModelService.class, SemanticModels.class, ModelPorter.class})
public class ModelService implements SemanticModels, ModelPorter {
    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 1000;

    private final ModelStore store;
    private final DataSourceStore dataSources;
    private final SharingStore sharing;
    private final Map<String, DatabaseDriver> drivers = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile AuditLog audit;

    @Activate
    public ModelService(@Reference ModelStore store, @Reference DataSourceStore dataSources,
            @Reference SharingStore sharing) {
        this.store = store;
        this.dataSources = dataSources;
        this.sharing = sharing;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDriver(DatabaseDriver driver) {
        drivers.put(driver.id(), driver);
    }

    void removeDriver(DatabaseDriver driver) {
        drivers.remove(driver.id(), driver);
    }

    /** A model as the API shows it, with what the caller may do with it. */
    public record ModelView(String id, String name, String description, String dataSourceId, ModelDefinition definition,
            String createdBy, Instant createdAt, Instant updatedAt, Access access) {}

    /** What a model is saved from. */
    public record ModelInput(String name, String description, String dataSourceId, ModelDefinition definition) {}

    /** The dimensions and metrics of a model, for the report builder. */
    public record Fields(String modelId, String dataSourceId, List<DimensionField> dimensions, List<MetricField> metrics) {}

    public record DimensionField(String name, String label, ModelDefinition.FieldType type, List<TimeGrain> timeGrains) {}

    public record MetricField(String name, String label, ModelDefinition.Aggregation aggregation) {}

    /** The caller's own models and those shared with them, by name. */
    List<ModelView> list(Caller caller) {
        Set<String> shared = sharing.sharedWith(caller.organizationId(), SemanticModel.OBJECT_TYPE, caller.userId());
        return store.list(caller.organizationId()).stream()
                .filter(m -> m.createdBy().equals(caller.userId()) || shared.contains(m.id()))
                .map(m -> view(m, access(caller, m)))
                .sorted(Comparator.comparing(v -> v.name().toLowerCase(java.util.Locale.ROOT)))
                .toList();
    }

    ModelView get(Caller caller, String id) {
        SemanticModel m = readable(caller, id, Access.READ);
        return view(m, access(caller, m));
    }

    ModelView create(Caller caller, ModelInput input) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SemanticModel model = checked(caller, input, UUID.randomUUID().toString(), caller.userId(), now, now);
        SemanticModel saved = save(() -> store.create(model));
        record(caller, "model.create", saved.id(), "name=" + saved.name());
        return view(saved, Access.OWNER);
    }

    ModelView update(Caller caller, String id, ModelInput input) {
        SemanticModel old = readable(caller, id, Access.EDIT);
        SemanticModel model = checked(caller, input, id, old.createdBy(), old.createdAt(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        SemanticModel saved = save(() -> store.update(model))
                .orElseThrow(() -> new ModelException("not_found", "No model with this id."));
        record(caller, "model.update", id, "fields=name,description,dataSourceId,definition");
        return view(saved, access(caller, saved));
    }

    void delete(Caller caller, String id) {
        readable(caller, id, Access.OWNER);
        store.delete(caller.organizationId(), id);
        sharing.unshareAll(caller.organizationId(), SemanticModel.OBJECT_TYPE, id);
        record(caller, "model.delete", id, null);
    }

    Fields fields(Caller caller, String id) {
        SemanticModel m = readable(caller, id, Access.READ);
        ModelDefinition d = ModelJson.read(m.definition());
        return new Fields(m.id(), m.dataSourceId(),
                d.dimensions().stream().map(x -> new DimensionField(x.name(), labelOf(x.label(), x.name()), x.type(),
                        x.timeGrains())).toList(),
                d.metrics().stream().map(x -> new MetricField(x.name(), labelOf(x.label(), x.name()), x.aggregation()))
                        .toList());
    }

    @Override
    public CompiledQuery compile(Caller caller, String modelId, ModelQuery query,
            List<ParameterDefinition> reportParameters) {
        SemanticModel m = readable(caller, modelId, Access.READ);
        DataSourceDefinition ds = dataSources.find(caller.organizationId(), m.dataSourceId())
                .orElseThrow(() -> new ModelException("not_found", "The model's data source no longer exists."));
        DatabaseDriver driver = drivers.get(ds.driver());
        if (driver == null) {
            throw new ModelException("driver_missing", "The driver module '" + ds.driver()
                    + "' of the model's data source is not installed.");
        }
        ModelValidator.Model model = ModelValidator.structure(ModelJson.read(m.definition()));
        return new ModelCompiler(model, driver, reportParameters).compile(ds.id(), query);
    }

    @Override
    public Map<String, Object> export(Caller caller, String modelId) {
        SemanticModel m = readable(caller, modelId, Access.READ);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", m.name());
        document.put("description", m.description());
        document.put("definition", ModelJson.toMap(ModelJson.read(m.definition())));
        return document;
    }

    @Override
    public String importModel(Caller caller, Map<String, Object> document, String dataSourceId, boolean dryRun) {
        if (!caller.role().includes(Role.ADMIN)) {
            throw new ModelException("forbidden", "Only Admins and Owners add semantic models.");
        }
        if (document == null) {
            throw new ModelException("invalid", "The model document is empty.", null);
        }
        Object name = document.get("name");
        Object description = document.get("description");
        ModelInput input = new ModelInput(name instanceof String s ? s : null,
                description instanceof String s ? s : null, dataSourceId, ModelJson.fromMap(document.get("definition")));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SemanticModel model = checked(caller, input, UUID.randomUUID().toString(), caller.userId(), now, now);
        if (store.findByName(caller.organizationId(), model.name()).isPresent()) {
            throw new ModelException("invalid", "A model named '" + model.name() + "' already exists.", "name");
        }
        if (dryRun) {
            return null;
        }
        SemanticModel saved = save(() -> store.create(model));
        record(caller, "model.import", saved.id(), "name=" + saved.name());
        return saved.id();
    }

    /** The model if the caller has at least {@code needed} on it; otherwise it does not exist for them. */
    private SemanticModel readable(Caller caller, String id, Access needed) {
        SemanticModel m = id == null ? null : store.find(caller.organizationId(), id).orElse(null);
        Access access = m == null ? Access.NONE : access(caller, m);
        if (access == Access.NONE) {
            throw new ModelException("not_found", "No model with this id.");
        }
        if (!access.includes(needed)) {
            throw new ModelException("forbidden", needed == Access.OWNER ? "Only the model's creator deletes it."
                    : "The model is shared with you for reading only.");
        }
        return m;
    }

    private Access access(Caller caller, SemanticModel m) {
        return sharing.accessOf(caller.organizationId(), SemanticModel.OBJECT_TYPE, m.id(), m.createdBy(),
                caller.userId());
    }

    /** The input checked against the data source's metadata, as it will be stored. */
    private SemanticModel checked(Caller caller, ModelInput input, String id, String createdBy, Instant createdAt,
            Instant updatedAt) {
        if (input == null) {
            throw new ModelException("invalid", "Send the model as JSON.", null);
        }
        String name = input.name() == null ? "" : input.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new ModelException("invalid", "Name the model (at most " + MAX_NAME + " characters).", "name");
        }
        String description = input.description() == null || input.description().isBlank() ? null
                : input.description().strip();
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw new ModelException("invalid", "At most " + MAX_DESCRIPTION + " characters.", "description");
        }
        if (input.dataSourceId() == null || input.dataSourceId().isBlank()) {
            throw new ModelException("invalid", "Pick the data source the model describes.", "dataSourceId");
        }
        DataSourceDefinition ds = dataSources.find(caller.organizationId(), input.dataSourceId())
                .orElseThrow(() -> new ModelException("invalid", "No data source with this id.", "dataSourceId"));
        String schema = dataSources.metadata(caller.organizationId(), ds.id())
                .map(DataSourceStore.StoredMetadata::schema).orElse(null);
        if (schema == null) {
            throw new ModelException("invalid", "The schema of the data source '" + ds.name() + "' has not been read yet,"
                    + " so its tables and columns cannot be checked: refresh its schema (Data sources, Schema, Refresh)"
                    + " and save again.", "dataSourceId");
        }
        Catalog catalog = Catalog.parse(schema);
        ModelDefinition definition = ModelValidator.withTypes(input.definition(), catalog);
        ModelValidator.againstCatalog(ModelValidator.structure(definition), catalog);
        return new SemanticModel(id, caller.organizationId(), name, description, ds.id(), ModelJson.write(definition),
                createdBy, createdAt, updatedAt);
    }

    private static <T> T save(java.util.function.Supplier<T> write) {
        try {
            return write.get();
        } catch (IllegalStateException e) {
            throw new ModelException("invalid", "Another model of the organization has this name.", "name");
        }
    }

    private static ModelView view(SemanticModel m, Access access) {
        return new ModelView(m.id(), m.name(), m.description(), m.dataSourceId(), ModelJson.read(m.definition()),
                m.createdBy(), m.createdAt(), m.updatedAt(), access);
    }

    private static String labelOf(String label, String name) {
        return label == null || label.isBlank() ? name : label;
    }

    private void record(Caller caller, String action, String id, String details) {
        AuditLog log = audit;
        if (log != null) {
            log.record(AuditEvent.by(caller, action, SemanticModel.OBJECT_TYPE, id, details));
        }
    }
}
