package io.sightline.report.internal;

import java.util.List;
import java.util.Map;
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
import io.sightline.api.query.QueryJson;
import io.sightline.api.query.QueryJson.ResultView;
import io.sightline.api.report.ContentTypes;
import io.sightline.api.report.Report;
import io.sightline.api.rest.ApiException;
import io.sightline.api.rest.RequiresPermission;
import io.sightline.api.rest.RestApplication;
import io.sightline.api.sharing.Access;
import io.sightline.report.internal.ContentJson.ReportJson;
import io.sightline.report.internal.ContentJson.RunInput;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Reports: a saved query (SQL or a semantic model selection) and its visualization, private
 * to their creator until shared. Runs go through the query service with its cache.
 */
@Component(service = ReportResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@JSONRequired
@Path("reports")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reports", description = "Saved queries with a visualization; run, share, export")
public class ReportResource {
    private static final String TYPE = ContentTypes.REPORT;
    private final ContentServices services;

    @Activate
    public ReportResource(@Reference ContentServices services) {
        this.services = services;
    }

    /** A report to run without saving it, with parameter values (the editor's Run button). */
    public record PreviewInput(ReportJson report, Map<String, Object> values, Integer maxRows, String timeZone) {}

    @GET
    @RequiresPermission(Permissions.CONTENT_READ)
    @Operation(summary = "The caller's reports and those shared with them; q filters by name")
    public List<ReportJson> list(@QueryParam("q") String q, @Context HttpServletRequest request) {
        Caller caller = caller(request);
        return services.access.visible(caller, TYPE, services.reports).stream()
                .filter(r -> Reports.matches(r.name(), q))
                .map(r -> services.reportLogic.view(r, services.access.of(caller, TYPE, r)))
                .toList();
    }

    @GET
    @Path("{id}")
    @RequiresPermission(Permissions.CONTENT_READ)
    @Operation(summary = "One report the caller may read (404 otherwise)")
    public ReportJson get(@PathParam("id") String id, @Context HttpServletRequest request) {
        Caller caller = caller(request);
        Report report = find(caller, id, Access.READ);
        return services.reportLogic.view(report, services.access.of(caller, TYPE, report));
    }

    @POST
    @RequiresPermission(Permissions.CONTENT_WRITE)
    @Operation(summary = "Create a report, private to the caller until shared")
    public Response create(ReportJson body, @Context HttpServletRequest request) {
        Caller caller = caller(request);
        Report report = services.reports.create(
                services.reportLogic.validated(caller, body, UUID.randomUUID().toString(), null));
        services.audit.record(caller, "report.create", TYPE, report.id(), "name=" + report.name());
        return Response.status(201).entity(services.reportLogic.view(report, Access.OWNER)).build();
    }

    @PUT
    @Path("{id}")
    @RequiresPermission(Permissions.CONTENT_WRITE)
    @Operation(summary = "Replace a report (its owner, or members it is shared with for editing)")
    public ReportJson update(@PathParam("id") String id, ReportJson body, @Context HttpServletRequest request) {
        Caller caller = caller(request);
        Report old = find(caller, id, Access.EDIT);
        Report saved = services.reports.update(services.reportLogic.validated(caller, body, id, old))
                .orElseThrow(() -> ContentAccess.notFound(TYPE));
        services.audit.record(caller, "report.update", TYPE, id, "name=" + saved.name());
        return services.reportLogic.view(saved, services.access.of(caller, TYPE, saved));
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission(Permissions.CONTENT_WRITE)
    @Operation(summary = "Delete a report and its shares (its owner); dashboard tiles showing it disappear")
    public Response delete(@PathParam("id") String id, @Context HttpServletRequest request) {
        services.delete(caller(request), TYPE, services.reports, id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/run")
    @RequiresPermission(Permissions.CONTENT_READ)
    @Operation(summary = "Run a report the caller may read with parameter values; refresh bypasses the cache")
    public ResultView run(@PathParam("id") String id, RunInput body, @Context HttpServletRequest request) {
        Caller caller = caller(request);
        Report report = find(caller, id, Access.READ);
        RunInput run = body == null ? new RunInput(null, null, null, null) : body;
        return QueryJson.ResultView.of(services.runner.run(caller, Reports.owner(caller, report), Reports.spec(report),
                Reports.values(run.values()), run.where(), Boolean.TRUE.equals(run.refresh()), maxRows(run.maxRows()),
                run.zone()));
    }

    @POST
    @Path("preview")
    @RequiresPermission(Permissions.CONTENT_WRITE)
    @Operation(summary = "Run an unsaved report (the editor's Run button); body: the report, or {report, values, maxRows, timeZone}")
    public ResultView preview(Map<String, Object> body, @Context HttpServletRequest request) {
        Caller caller = caller(request);
        PreviewInput input = previewInput(body);
        Report report = services.reportLogic.validated(caller, input.report(), "preview", null);
        return QueryJson.ResultView.of(services.runner.run(caller, caller, Reports.spec(report),
                Reports.values(input.values()), List.of(), false, maxRows(input.maxRows()),
                QueryJson.timeZone(input.timeZone(), "timeZone")));
    }

    @GET
    @Path("{id}/export")
    @RequiresPermission(Permissions.CONTENT_READ)
    @Operation(summary = "The report (and its model) as a content document (docs/content-format.md)")
    public Porter.Document export(@PathParam("id") String id, @Context HttpServletRequest request) {
        Caller caller = caller(request);
        return services.porter.exportReport(caller, find(caller, id, Access.READ));
    }

    // The contract's body is a report; {report, values, maxRows} also carries the editor's values.
    // Either may carry the user's timeZone.
    static PreviewInput previewInput(Map<String, Object> body) {
        if (body == null) {
            throw ApiException.badRequest(null, "Send the report as JSON.");
        }
        try {
            if (body.containsKey("report")) {
                return Json.convert(body, PreviewInput.class);
            }
            Map<String, Object> report = new java.util.LinkedHashMap<>(body);
            Object zone = report.remove("timeZone");
            if (zone != null && !(zone instanceof String)) {
                throw ApiException.badRequest("timeZone", "An IANA time zone such as Europe/Paris.");
            }
            return new PreviewInput(Json.convert(report, ReportJson.class), null, null, (String) zone);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(null, "The report is not in the expected form: " + Porter.plain(e));
        }
    }

    static int maxRows(Integer maxRows) {
        return maxRows == null ? 0 : maxRows;
    }

    private Report find(Caller caller, String id, Access needed) {
        return services.access.require(caller, TYPE, services.reports.find(caller.organizationId(), id), needed);
    }

    static Caller caller(HttpServletRequest request) {
        return (Caller) request.getAttribute(Caller.PROPERTY);
    }
}
