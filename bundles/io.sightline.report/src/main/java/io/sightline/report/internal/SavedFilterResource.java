package io.sightline.report.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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

import com.fasterxml.jackson.core.type.TypeReference;

import io.sightline.api.auth.Caller;
import io.sightline.api.auth.Permissions;
import io.sightline.api.query.QueryResult;
import io.sightline.api.report.ContentTypes;
import io.sightline.api.report.SavedFilter;
import io.sightline.api.rest.ApiException;
import io.sightline.api.rest.RequiresPermission;
import io.sightline.api.rest.RestApplication;
import io.sightline.api.sharing.Access;
import io.sightline.report.internal.ContentJson.SavedFilterJson;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Saved filters: the distinct values of a query's first column, kept with the time they were
 * read, for dashboard selects. Private to their creator until shared.
 */
@Component(service = SavedFilterResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@JSONRequired
@Path("filters")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "filters", description = "Filters whose values come from a query")
public class SavedFilterResource {
    static final int MAX_VALUES = 1_000;
    static final int DEFAULT_INTERVAL = 86_400;
    private static final String TYPE = ContentTypes.FILTER;
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private final ContentServices services;

    @Activate
    public SavedFilterResource(@Reference ContentServices services) {
        this.services = services;
    }

    @GET
    @RequiresPermission(Permissions.CONTENT_READ)
    @Operation(summary = "The caller's saved filters and those shared with them; q filters by name")
    public List<SavedFilterJson> list(@QueryParam("q") String q, @Context HttpServletRequest request) {
        Caller caller = ReportResource.caller(request);
        return services.access.visible(caller, TYPE, services.filters).stream()
                .filter(f -> Reports.matches(f.name(), q))
                .map(f -> view(f, services.access.of(caller, TYPE, f)))
                .toList();
    }

    @GET
    @Path("{id}")
    @RequiresPermission(Permissions.CONTENT_READ)
    @Operation(summary = "One saved filter with its last values")
    public SavedFilterJson get(@PathParam("id") String id, @Context HttpServletRequest request) {
        Caller caller = ReportResource.caller(request);
        SavedFilter filter = find(caller, id, Access.READ);
        return view(filter, services.access.of(caller, TYPE, filter));
    }

    @POST
    @RequiresPermission(Permissions.CONTENT_WRITE)
    @Operation(summary = "Create a saved filter (values empty until refreshed)")
    public Response create(SavedFilterJson body, @Context HttpServletRequest request) {
        Caller caller = ReportResource.caller(request);
        SavedFilter filter = services.filters.create(validated(caller, body, UUID.randomUUID().toString(), null));
        services.audit.record(caller, "filter.create", TYPE, filter.id(), "name=" + filter.name());
        return Response.status(201).entity(view(filter, Access.OWNER)).build();
    }

    @PUT
    @Path("{id}")
    @RequiresPermission(Permissions.CONTENT_WRITE)
    @Operation(summary = "Replace a saved filter's name, data source, SQL and refresh interval")
    public SavedFilterJson update(@PathParam("id") String id, SavedFilterJson body, @Context HttpServletRequest request) {
        Caller caller = ReportResource.caller(request);
        SavedFilter old = find(caller, id, Access.EDIT);
        SavedFilter saved = services.filters.update(validated(caller, body, id, old))
                .orElseThrow(() -> ContentAccess.notFound(TYPE));
        services.audit.record(caller, "filter.update", TYPE, id, "name=" + saved.name());
        return view(saved, services.access.of(caller, TYPE, saved));
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission(Permissions.CONTENT_WRITE)
    @Operation(summary = "Delete a saved filter and its shares (its owner)")
    public Response delete(@PathParam("id") String id, @Context HttpServletRequest request) {
        services.delete(ReportResource.caller(request), TYPE, services.filters, id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/refresh")
    @RequiresPermission(Permissions.CONTENT_WRITE)
    @Operation(summary = "Run the filter's SQL now and keep the first column's distinct values (at most 1,000)")
    public SavedFilterJson refresh(@PathParam("id") String id, @Context HttpServletRequest request) {
        Caller caller = ReportResource.caller(request);
        SavedFilter refreshed = services.refreshValues(caller, find(caller, id, Access.EDIT));
        return view(refreshed, services.access.of(caller, TYPE, refreshed));
    }

    /** The first column's distinct non-null values as text, in result order, at most 1,000. */
    static List<String> firstColumn(QueryResult result) {
        Set<String> values = new LinkedHashSet<>();
        for (List<Object> row : result.rows()) {
            if (values.size() >= MAX_VALUES) {
                break;
            }
            Object value = row.isEmpty() ? null : row.get(0);
            if (value != null) {
                values.add(value instanceof java.math.BigDecimal d ? d.toPlainString() : value.toString());
            }
        }
        return List.copyOf(values);
    }

    private SavedFilter validated(Caller caller, SavedFilterJson in, String id, SavedFilter old) {
        if (in == null) {
            throw ApiException.badRequest(null, "Send the filter as JSON.");
        }
        String name = Validation.name(in.name(), "name");
        String dataSourceId = services.reportLogic.dataSource(caller, in.dataSourceId(), "dataSourceId");
        String sql = Validation.sql(in.sql(), "sql");
        int interval = in.refreshIntervalSeconds() == null ? DEFAULT_INTERVAL : in.refreshIntervalSeconds();
        if (interval != 0) {
            Validation.between(interval, 60, 2_592_000, "refreshIntervalSeconds",
                    "0 (never), or from 60 seconds to 2,592,000 seconds (30 days).");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        boolean sameQuery = old != null && old.sql().equals(sql) && old.dataSourceId().equals(dataSourceId);
        return new SavedFilter(id, caller.organizationId(), name, dataSourceId, sql, sameQuery ? old.valuesJson() : "[]",
                sameQuery ? old.refreshedAt() : null, interval, old == null ? caller.userId() : old.createdBy(),
                old == null ? now : old.createdAt(), now);
    }

    static List<String> values(SavedFilter f) {
        return Json.read(f.valuesJson(), STRINGS);
    }

    private static SavedFilterJson view(SavedFilter f, Access access) {
        return new SavedFilterJson(f.id(), f.name(), f.dataSourceId(), f.sql(), values(f), f.refreshedAt(),
                f.refreshIntervalSeconds(), f.createdBy(), f.createdAt(), f.updatedAt(), access.name());
    }

    private SavedFilter find(Caller caller, String id, Access needed) {
        return services.access.require(caller, TYPE, services.filters.find(caller.organizationId(), id), needed);
    }
}
