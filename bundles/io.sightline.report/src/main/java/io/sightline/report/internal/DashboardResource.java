package io.sightline.report.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.sightline.api.auth.Caller;
import io.sightline.api.auth.Permissions;
import io.sightline.api.query.ParameterDefinition;
import io.sightline.api.query.QueryJson.ResultView;
import io.sightline.api.report.ContentTypes;
import io.sightline.api.report.Dashboard;
import io.sightline.api.report.Report;
import io.sightline.api.rest.ApiException;
import io.sightline.api.rest.RequiresPermission;
import io.sightline.api.rest.RestApplication;
import io.sightline.api.sharing.Access;
import io.sightline.report.internal.ContentJson.DashboardFilter;
import io.sightline.report.internal.ContentJson.DashboardJson;
import io.sightline.report.internal.ContentJson.RunInput;
import io.sightline.report.internal.ContentJson.Tile;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Dashboards: report and text tiles on a 12-column grid, filters mapped to report
 * parameters, tile runs with cross-filters. Whoever may read a dashboard sees only the tiles whose
 * report they may read; the others are counted in {@code hiddenTiles}.
 */
@Component(service = DashboardResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@JSONRequired
@Path("dashboards")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dashboards", description = "Grids of reports with filters; tile runs, cross-filtering, share, export")
public class DashboardResource {
    private static final String TYPE = ContentTypes.DASHBOARD;
    private final ContentServices services;

    @Activate
    public DashboardResource(@Reference ContentServices services) {
        this.services = services;
    }

    @GET
    @RequiresPermission(Permissions.CONTENT_READ)
    @Operation(summary = "The caller's dashboards and those shared with them; q filters by name")
    public List<DashboardJson> list(@QueryParam("q") String q, @Context HttpServletRequest request) {
        Caller caller = ReportResource.caller(request);
        return services.access.visible(caller, TYPE, services.dashboards).stream()
                .filter(d -> Reports.matches(d.name(), q))
                .map(d -> view(caller, d))
                .toList();
    }

    @GET
    @Path("{id}")
    @RequiresPermission(Permissions.CONTENT_READ)
    @Operation(summary = "One dashboard; tiles whose report the caller may not read are left out and counted in hiddenTiles")
    public DashboardJson get(@PathParam("id") String id, @Context HttpServletRequest request) {
        Caller caller = ReportResource.caller(request);
        return view(caller, find(caller, id, Access.READ));
    }

    @POST
    @RequiresPermission(Permissions.CONTENT_WRITE)
    @Operation(summary = "Create a dashboard, private to the caller until shared")
    public Response create(DashboardJson body, @Context HttpServletRequest request) {
        Caller caller = ReportResource.caller(request);
        Dashboard dashboard = services.dashboards.create(validated(caller, body, UUID.randomUUID().toString(), null));
        services.audit.record(caller, "dashboard.create", TYPE, dashboard.id(), "name=" + dashboard.name());
        return Response.status(201).entity(view(caller, dashboard)).build();
    }

    @PUT
    @Path("{id}")
    @RequiresPermission(Permissions.CONTENT_WRITE)
    @Operation(summary = "Replace name, description, filters, tiles (layout) and auto-refresh; tiles hidden from the caller stay")
    public DashboardJson update(@PathParam("id") String id, DashboardJson body, @Context HttpServletRequest request) {
        Caller caller = ReportResource.caller(request);
        Dashboard old = find(caller, id, Access.EDIT);
        Dashboard saved = services.dashboards.update(validated(caller, body, id, old))
                .orElseThrow(() -> ContentAccess.notFound(TYPE));
        services.audit.record(caller, "dashboard.update", TYPE, id, "name=" + saved.name());
        return view(caller, saved);
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission(Permissions.CONTENT_WRITE)
    @Operation(summary = "Delete a dashboard and its shares (its owner); its reports stay")
    public Response delete(@PathParam("id") String id, @Context HttpServletRequest request) {
        services.delete(ReportResource.caller(request), TYPE, services.dashboards, id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/tiles/{tileId}/run")
    @RequiresPermission(Permissions.CONTENT_READ)
    @Operation(summary = "Run one tile with the dashboard's filter values (mapped through parameterMap) and cross-filters (where)")
    public ResultView runTile(@PathParam("id") String id, @PathParam("tileId") String tileId, RunInput body,
            @Context HttpServletRequest request) {
        Caller caller = ReportResource.caller(request);
        Dashboard dashboard = find(caller, id, Access.READ);
        Tile tile = Dashboards.tiles(dashboard).stream()
                .filter(t -> t.id().equals(tileId) && "report".equals(t.kind()))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("No report tile with this id."));
        Report report = services.tileReport(caller, tile)
                .orElseThrow(() -> ApiException.notFound("No report tile with this id."));
        RunInput run = body == null ? new RunInput(null, null, null, null) : body;
        return ResultView.of(services.runTile(caller, dashboard, tile, report, Reports.values(run.values()), run.where(),
                Boolean.TRUE.equals(run.refresh()), ReportResource.maxRows(run.maxRows()), run.zone()));
    }

    @GET
    @Path("{id}/export")
    @RequiresPermission(Permissions.CONTENT_READ)
    @Operation(summary = "The dashboard with the reports (and models) the caller may read, as a content document (docs/content-format.md)")
    public Porter.Document export(@PathParam("id") String id, @Context HttpServletRequest request) {
        Caller caller = ReportResource.caller(request);
        return services.porter.exportDashboard(caller, find(caller, id, Access.READ));
    }

    private Dashboard validated(Caller caller, DashboardJson body, String id, Dashboard old) {
        List<Tile> kept = old == null ? List.of() : hiddenTiles(caller, old, false);
        return Dashboards.validated(caller, body, id, old, reportId -> readableParameters(caller, reportId),
                filterId -> services.access.canRead(caller, ContentTypes.FILTER,
                        services.filters.find(caller.organizationId(), filterId)),
                kept);
    }

    private Optional<List<ParameterDefinition>> readableParameters(Caller caller, String reportId) {
        Optional<Report> report = services.reports.find(caller.organizationId(), reportId);
        return services.access.canRead(caller, ContentTypes.REPORT, report) ? report.map(Reports::parameters)
                : Optional.empty();
    }

    /**
     * The report tiles the caller may not see. With {@code withMissing}, also those whose report is
     * gone (counted as hidden); without, those are dropped, so a save cleans them up.
     */
    private List<Tile> hiddenTiles(Caller caller, Dashboard dashboard, boolean withMissing) {
        List<Tile> hidden = new ArrayList<>();
        for (Tile t : Dashboards.tiles(dashboard)) {
            if (!"report".equals(t.kind())) {
                continue;
            }
            Optional<Report> report = services.reports.find(caller.organizationId(), t.reportId());
            if (report.isEmpty() ? withMissing : services.access.of(caller, ContentTypes.REPORT, report.get()) == Access.NONE) {
                hidden.add(t);
            }
        }
        return hidden;
    }

    DashboardJson view(Caller caller, Dashboard d) {
        List<Tile> hidden = hiddenTiles(caller, d, true);
        List<String> hiddenIds = hidden.stream().map(Tile::id).toList();
        List<Tile> visible = Dashboards.tiles(d).stream().filter(t -> !hiddenIds.contains(t.id())).toList();
        List<DashboardFilter> filters = Dashboards.filters(d).stream().map(f -> withOptions(caller, f)).toList();
        return new DashboardJson(d.id(), d.name(), d.description(), filters, visible, d.autoRefreshSeconds(), d.createdBy(),
                d.createdAt(), d.updatedAt(), services.access.of(caller, TYPE, d).name(), hidden.size());
    }

    // Whoever reads the dashboard sees its select's choices: its owner picked the saved filter.
    private DashboardFilter withOptions(Caller caller, DashboardFilter f) {
        if (f.savedFilterId() == null) {
            return f;
        }
        List<String> options = services.filters.find(caller.organizationId(), f.savedFilterId())
                .map(SavedFilterResource::values).orElse(List.of());
        return new DashboardFilter(f.name(), f.label(), f.type(), f.defaultValue(), f.savedFilterId(), options);
    }

    private Dashboard find(Caller caller, String id, Access needed) {
        return services.access.require(caller, TYPE, services.dashboards.find(caller.organizationId(), id), needed);
    }
}
