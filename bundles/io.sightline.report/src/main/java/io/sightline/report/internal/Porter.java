package io.sightline.report.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonMappingException;

import io.sightline.api.auth.Caller;
import io.sightline.api.datasource.DataSourceDefinition;
import io.sightline.api.model.ModelException;
import io.sightline.api.model.ModelPorter;
import io.sightline.api.model.ModelQuery;
import io.sightline.api.query.ParameterDefinition;
import io.sightline.api.query.QueryJson.ParameterInput;
import io.sightline.api.report.Content;
import io.sightline.api.report.ContentTypes;
import io.sightline.api.report.Dashboard;
import io.sightline.api.report.Report;
import io.sightline.api.rest.ApiException;
import io.sightline.api.sharing.Access;
import io.sightline.report.internal.ContentJson.DashboardFilter;
import io.sightline.report.internal.ContentJson.DashboardJson;
import io.sightline.report.internal.ContentJson.ReportJson;
import io.sightline.report.internal.ContentJson.Tile;
import io.sightline.report.internal.ContentJson.Visualization;

/**
 * Export and import of content in the documented format {@code sightline-content} version 1
 * (docs/content-format.md): data sources by name, objects by document-local keys. An import is
 * checked whole first; with any conflict nothing is created.
 */
final class Porter {
    static final String FORMAT = "sightline-content";
    static final int VERSION = 1;
    static final String MODELS_MISSING = "Exporting or importing reports built from semantic models needs the "
            + "semantic models module (io.sightline.model), which is not installed.";

    record ReportDoc(String key, String name, String description, String dataSource, String sql,
            List<ParameterInput> parameters, String modelKey, ModelQuery modelQuery, Visualization visualization) {}

    record TileDoc(String id, String kind, String reportKey, String text, Integer x, Integer y, Integer w, Integer h,
            Map<String, String> parameterMap) {}

    record DashboardDoc(String key, String name, String description, List<DashboardFilter> filters,
            Integer autoRefreshSeconds, List<TileDoc> tiles) {}

    record Document(String format, Integer version, Instant exportedAt, List<DashboardDoc> dashboards,
            List<ReportDoc> reports, List<Map<String, Object>> models) {}

    record Item(String type, String key, String name, String id) {}

    record Conflict(String type, String key, String name, String reason) {}

    record Result(boolean dryRun, List<Item> created, List<Conflict> conflicts) {}

    private final ContentServices services;
    private final Supplier<ModelPorter> models;

    Porter(ContentServices services, Supplier<ModelPorter> models) {
        this.services = services;
        this.models = models;
    }

    Document exportReport(Caller caller, Report report) {
        return document(caller, List.of(), List.of(report));
    }

    /** The dashboard with the reports the caller may read; tiles of other reports are left out. */
    Document exportDashboard(Caller caller, Dashboard dashboard) {
        List<Report> reports = new ArrayList<>();
        for (Tile t : Dashboards.tiles(dashboard)) {
            if ("report".equals(t.kind()) && reports.stream().noneMatch(r -> r.id().equals(t.reportId()))) {
                services.reports.find(caller.organizationId(), t.reportId())
                        .filter(r -> services.access.of(caller, ContentTypes.REPORT, r) != Access.NONE)
                        .ifPresent(reports::add);
            }
        }
        return document(caller, List.of(dashboard), reports);
    }

    private Document document(Caller caller, List<Dashboard> dashboards, List<Report> reports) {
        Map<String, String> reportKeys = new LinkedHashMap<>();
        Map<String, String> modelKeys = new LinkedHashMap<>();
        List<Map<String, Object>> modelDocs = new ArrayList<>();
        List<ReportDoc> reportDocs = new ArrayList<>();
        for (Report r : reports) {
            String key = "r" + (reportKeys.size() + 1);
            reportKeys.put(r.id(), key);
            String modelKey = null;
            if (r.modelId() != null) {
                modelKey = modelKeys.get(r.modelId());
                if (modelKey == null) {
                    modelKey = "m" + (modelKeys.size() + 1);
                    modelKeys.put(r.modelId(), modelKey);
                    modelDocs.add(exportModel(caller, r, modelKey));
                }
            }
            reportDocs.add(new ReportDoc(key, r.name(), r.description(), dataSourceName(caller, r.dataSourceId()),
                    r.sql(), Reports.parameterInputs(r), modelKey, Reports.modelQuery(r),
                    new Visualization(r.visualizationType(), Json.readObject(r.settingsJson()))));
        }
        List<DashboardDoc> dashboardDocs = new ArrayList<>();
        for (Dashboard d : dashboards) {
            List<TileDoc> tiles = Dashboards.tiles(d).stream()
                    .filter(t -> !"report".equals(t.kind()) || reportKeys.containsKey(t.reportId()))
                    .map(t -> new TileDoc(t.id(), t.kind(), t.reportId() == null ? null : reportKeys.get(t.reportId()),
                            t.text(), t.x(), t.y(), t.w(), t.h(), t.parameterMap()))
                    .toList();
            // Saved filters are not part of format 1: a select becomes a free input.
            List<DashboardFilter> filters = Dashboards.filters(d).stream()
                    .map(f -> new DashboardFilter(f.name(), f.label(), f.type(), f.defaultValue(), null, null)).toList();
            dashboardDocs.add(new DashboardDoc("d" + (dashboardDocs.size() + 1), d.name(), d.description(), filters,
                    d.autoRefreshSeconds(), tiles));
        }
        return new Document(FORMAT, VERSION, Instant.now().truncatedTo(ChronoUnit.SECONDS), dashboardDocs, reportDocs,
                modelDocs);
    }

    private Map<String, Object> exportModel(Caller caller, Report r, String key) {
        ModelPorter porter = models.get();
        if (porter == null) {
            throw new ApiException(503, "models_unavailable", MODELS_MISSING, null);
        }
        Map<String, Object> model;
        try {
            model = porter.export(Reports.owner(caller, r), r.modelId());
        } catch (ModelException e) {
            throw new ApiException(409, "model_unavailable", "The semantic model of report '" + r.name()
                    + "' cannot be exported: " + e.getMessage(), null);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("key", key);
        model.forEach(doc::putIfAbsent);
        doc.put("dataSource", dataSourceName(caller, r.dataSourceId()));
        return doc;
    }

    private String dataSourceName(Caller caller, String id) {
        return id == null ? null : services.dataSources.find(caller.organizationId(), id).map(DataSourceDefinition::name)
                .orElse(null);
    }

    /** Imports a document as the caller's private content, or only checks it ({@code dryRun}). */
    Result importDocument(Caller caller, Map<String, Object> body, boolean dryRun) {
        List<Conflict> conflicts = new ArrayList<>();
        if (body == null) {
            throw ApiException.badRequest(null, "Send the document as JSON.");
        }
        if (!FORMAT.equals(body.get("format"))) {
            return new Result(dryRun, List.of(), List.of(new Conflict("document", null, null,
                    "Not a Sightline content document: \"format\" must be \"" + FORMAT + "\".")));
        }
        if (!(body.get("version") instanceof Number n) || n.intValue() != VERSION) {
            return new Result(dryRun, List.of(), List.of(new Conflict("document", null, null,
                    "Unsupported version " + body.get("version") + ": this server reads version " + VERSION + ".")));
        }
        Document doc;
        try {
            doc = Json.convert(body, Document.class);
        } catch (IllegalArgumentException e) {
            return new Result(dryRun, List.of(), List.of(new Conflict("document", null, null, plain(e))));
        }
        List<Map<String, Object>> modelDocs = doc.models() == null ? List.of() : doc.models();
        List<ReportDoc> reportDocs = doc.reports() == null ? List.of() : doc.reports();
        List<DashboardDoc> dashboardDocs = doc.dashboards() == null ? List.of() : doc.dashboards();
        ModelPorter porter = models.get();
        if (!modelDocs.isEmpty() && porter == null) {
            throw new ApiException(503, "models_unavailable", MODELS_MISSING, null);
        }
        Map<String, String> dataSourceIds = new HashMap<>();
        services.dataSources.list(caller.organizationId()).forEach(ds -> dataSourceIds.put(ds.name(), ds.id()));
        List<Item> created = new ArrayList<>();

        // Pass 1: check everything, as a dry run would.
        Map<String, String> modelDataSources = new HashMap<>();
        Set<String> keys = new HashSet<>();
        for (Map<String, Object> m : modelDocs) {
            String key = String.valueOf(m.get("key"));
            String name = String.valueOf(m.get("name"));
            Optional<String> reason = duplicateKey(keys, "model", m.get("key"));
            String dsId = dataSource(dataSourceIds, m.get("dataSource") instanceof String s ? s : null);
            if (reason.isEmpty() && dsId == null) {
                reason = Optional.of("No data source named '" + m.get("dataSource") + "' in this organization.");
            }
            if (reason.isEmpty()) {
                try {
                    porter.importModel(caller, m, dsId, true);
                } catch (ModelException e) {
                    reason = Optional.of(e.getMessage());
                }
            }
            record(conflicts, created, ContentTypes.MODEL, key, name, reason);
            modelDataSources.put(key, dsId);
        }
        Map<String, List<ParameterDefinition>> reportParameters = new HashMap<>();
        Set<String> reportNames = names(services.access.visible(caller, ContentTypes.REPORT, services.reports));
        for (ReportDoc r : reportDocs) {
            Optional<String> reason = duplicateKey(keys, "report", r.key());
            if (reason.isEmpty()) {
                reason = check(() -> {
                    Report report = reportFrom(caller, r, dataSourceIds, modelDataSources, "dry-run");
                    reportParameters.put(r.key(), Reports.parameters(report));
                    return report;
                }, reportNames, r.name(), "report");
            }
            record(conflicts, created, ContentTypes.REPORT, r.key(), r.name(), reason);
        }
        Set<String> dashboardNames = names(services.access.visible(caller, ContentTypes.DASHBOARD, services.dashboards));
        for (DashboardDoc d : dashboardDocs) {
            Optional<String> reason = duplicateKey(keys, "dashboard", d.key());
            if (reason.isEmpty()) {
                reason = check(() -> dashboardFrom(caller, d, Map.of(), reportParameters), dashboardNames, d.name(),
                        "dashboard");
            }
            record(conflicts, created, ContentTypes.DASHBOARD, d.key(), d.name(), reason);
        }
        if (dryRun || !conflicts.isEmpty()) {
            return new Result(dryRun, dryRun ? created : List.of(), conflicts);
        }

        // Pass 2: create, models first; undo the reports and dashboards made if anything fails.
        created.clear();
        List<Content> made = new ArrayList<>();
        try {
            Map<String, String> modelIds = new HashMap<>();
            for (Map<String, Object> m : modelDocs) {
                String key = String.valueOf(m.get("key"));
                String id = porter.importModel(caller, m, modelDataSources.get(key), false);
                modelIds.put(key, id);
                created.add(new Item(ContentTypes.MODEL, key, String.valueOf(m.get("name")), id));
            }
            Map<String, String> reportIds = new HashMap<>();
            Map<String, List<ParameterDefinition>> parametersById = new HashMap<>();
            for (ReportDoc r : reportDocs) {
                Report report = services.reports.create(reportFrom(caller, r, dataSourceIds, modelDataSources,
                        r.modelKey() == null ? null : modelIds.get(r.modelKey())));
                made.add(report);
                reportIds.put(r.key(), report.id());
                parametersById.put(report.id(), Reports.parameters(report));
                created.add(new Item(ContentTypes.REPORT, r.key(), report.name(), report.id()));
            }
            for (DashboardDoc d : dashboardDocs) {
                Dashboard dashboard = services.dashboards.create(dashboardFrom(caller, d, reportIds, parametersById));
                made.add(dashboard);
                created.add(new Item(ContentTypes.DASHBOARD, d.key(), dashboard.name(), dashboard.id()));
            }
        } catch (RuntimeException e) {
            for (Content c : made) {
                if (c instanceof Report) {
                    services.reports.delete(caller.organizationId(), c.id());
                } else {
                    services.dashboards.delete(caller.organizationId(), c.id());
                }
            }
            throw e;
        }
        services.audit.record(caller, "content.import", null, null, "created=" + created.stream()
                .map(i -> i.type() + ":" + i.id()).toList());
        return new Result(false, created, List.of());
    }

    private Report reportFrom(Caller caller, ReportDoc r, Map<String, String> dataSourceIds,
            Map<String, String> modelDataSources, String modelId) {
        String dsId;
        if (r.modelKey() != null) {
            if (!modelDataSources.containsKey(r.modelKey())) {
                throw ApiException.badRequest("modelKey", "The document has no model '" + r.modelKey() + "'.");
            }
            dsId = modelDataSources.get(r.modelKey());
        } else {
            dsId = dataSource(dataSourceIds, r.dataSource());
            if (dsId == null) {
                throw ApiException.badRequest("dataSource", "No data source named '" + r.dataSource()
                        + "' in this organization.");
            }
        }
        ReportJson json = new ReportJson(null, r.name(), r.description(), dsId, r.sql(), r.parameters(),
                r.modelKey() == null ? null : modelId, r.modelQuery(), r.visualization(), null, null, null, null);
        return services.reportLogic.validated(caller, json, UUID.randomUUID().toString(), null,
                r.modelKey() == null ? null : dsId);
    }

    /** A dashboard whose tiles name reports by key; {@code reportIds} maps keys to created ids (empty: keep keys). */
    private Dashboard dashboardFrom(Caller caller, DashboardDoc d, Map<String, String> reportIds,
            Map<String, List<ParameterDefinition>> parameters) {
        List<Tile> tiles = d.tiles() == null ? null : d.tiles().stream()
                .map(t -> new Tile(t.id(), t.kind(), t.reportKey() == null ? null : reportIds.getOrDefault(t.reportKey(),
                        t.reportKey()), t.text(), t.x(), t.y(), t.w(), t.h(), t.parameterMap()))
                .toList();
        List<DashboardFilter> filters = d.filters() == null ? null : d.filters().stream()
                .map(f -> f == null ? null : new DashboardFilter(f.name(), f.label(), f.type(), f.defaultValue(), null, null))
                .toList();
        DashboardJson json = new DashboardJson(null, d.name(), d.description(), filters, tiles, d.autoRefreshSeconds(),
                null, null, null, null, null);
        return Dashboards.validated(caller, json, UUID.randomUUID().toString(), null,
                reportId -> Optional.ofNullable(parameters.get(reportId)), id -> false, List.of());
    }

    private static Optional<String> check(Supplier<Content> build, Set<String> takenNames, String name, String type) {
        try {
            build.get();
        } catch (ApiException e) {
            return Optional.of((e.field() == null ? "" : e.field() + ": ") + e.getMessage());
        }
        if (takenNames.contains(name.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of("A " + type + " named '" + name.strip() + "' exists already.");
        }
        return Optional.empty();
    }

    private static Optional<String> duplicateKey(Set<String> keys, String type, Object key) {
        if (!(key instanceof String k) || k.isBlank()) {
            return Optional.of("Every " + type + " needs a key.");
        }
        return keys.add(type + ":" + k) ? Optional.empty() : Optional.of("The key '" + k + "' is used twice.");
    }

    private static void record(List<Conflict> conflicts, List<Item> created, String type, String key, String name,
            Optional<String> reason) {
        if (reason.isPresent()) {
            conflicts.add(new Conflict(type, key, name, reason.get()));
        } else {
            created.add(new Item(type, key, name, null));
        }
    }

    private static String dataSource(Map<String, String> ids, String name) {
        if (name == null) {
            return null;
        }
        String exact = ids.get(name);
        return exact != null ? exact : ids.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static Set<String> names(List<? extends Content> content) {
        Set<String> names = new HashSet<>();
        content.forEach(c -> names.add(c.name().toLowerCase(Locale.ROOT)));
        return names;
    }

    /** A JSON mapping failure in plain words: where in the document, never a Java type. */
    static String plain(IllegalArgumentException e) {
        if (e.getCause() instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            return "The value at " + path + " is not of the expected kind.";
        }
        return "The document is not in the expected form.";
    }
}
