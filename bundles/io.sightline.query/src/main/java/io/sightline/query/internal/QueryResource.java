package io.sightline.query.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.sightline.api.auth.Caller;
import io.sightline.api.auth.Permissions;
import io.sightline.api.query.ExportFormat;
import io.sightline.api.query.QueryException;
import io.sightline.api.query.QueryHistoryEntry;
import io.sightline.api.query.QueryHistoryStore;
import io.sightline.api.query.QueryJson;
import io.sightline.api.query.QueryJson.ParameterInput;
import io.sightline.api.query.QueryJson.ResultView;
import io.sightline.api.query.QueryJson.SqlView;
import io.sightline.api.query.QueryRequest;
import io.sightline.api.query.QueryService;
import io.sightline.api.query.RunningQuery;
import io.sightline.api.rest.ApiException;
import io.sightline.api.rest.RequiresPermission;
import io.sightline.api.rest.RestApplication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Running SQL (Q-1 … Q-5): run with a row limit, check without running, export every row as CSV
 * or XLSX, cancel, list what runs, and the caller's history. Members and above run queries.
 */
@Component(service = QueryResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@JSONRequired
@Path("queries")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "queries", description = "Run SQL, cancel, export, history")
public class QueryResource {
    private final QueryService queries;
    private final QueryHistoryStore history;

    @Activate
    public QueryResource(@Reference QueryService queries, @Reference QueryHistoryStore history) {
        this.queries = queries;
        this.history = history;
    }

    /**
     * What to run. {@code useCache} defaults to true; {@code timeZone} is the user's IANA zone
     * (relative dates and zoned timestamps follow it), null for UTC.
     */
    public record QueryInput(String dataSourceId, String sql, List<ParameterInput> parameters, Map<String, Object> values,
            Integer maxRows, Boolean useCache, String id, String timeZone) {}

    @POST
    @RequiresPermission(Permissions.CONTENT_WRITE)
    @Operation(summary = "Run SQL on a data source and return at most maxRows rows (from the cache when it holds the result)")
    public ResultView run(QueryInput body, @Context HttpServletRequest request) {
        Caller caller = caller(request);
        try {
            return ResultView.of(queries.run(caller, request(body)));
        } catch (QueryException e) {
            throw QueryJson.error(e);
        }
    }

    @POST
    @Path("check")
    @RequiresPermission(Permissions.CONTENT_WRITE)
    @Operation(summary = "Check SQL and parameters without running them; answers the SQL that would be sent")
    public SqlView check(QueryInput body, @Context HttpServletRequest request) {
        try {
            return SqlView.of(queries.check(caller(request), request(body)));
        } catch (QueryException e) {
            throw QueryJson.error(e);
        }
    }

    @POST
    @Path("export")
    @Produces({"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", MediaType.APPLICATION_JSON})
    @RequiresPermission(Permissions.CONTENT_WRITE)
    @Operation(summary = "Run SQL and stream every row as CSV or XLSX (no row limit, constant memory)")
    public Response export(QueryInput body, @QueryParam("format") @DefaultValue("csv") String format,
            @Context HttpServletRequest request) {
        Caller caller = caller(request);
        ExportFormat exportFormat = switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "csv" -> ExportFormat.CSV;
            case "xlsx" -> ExportFormat.XLSX;
            default -> throw ApiException.badRequest("format", "Use csv or xlsx.");
        };
        QueryRequest query = request(body);
        try {
            queries.check(caller, query); // errors before the download starts get a proper status
        } catch (QueryException e) {
            throw QueryJson.error(e);
        }
        StreamingOutput stream = out -> {
            try {
                queries.export(caller, query, exportFormat, out);
            } catch (QueryException e) {
                // Headers are sent: the file ends early; the history and audit say why.
                throw new java.io.IOException(e.getMessage());
            }
        };
        String name = "sightline-" + LocalDate.now() + "." + exportFormat.extension();
        return Response.ok(stream, exportFormat.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @RequiresPermission(Permissions.CONTENT_WRITE)
    @Operation(summary = "The caller's running queries")
    public List<RunningQuery> running(@Context HttpServletRequest request) {
        return queries.running(caller(request));
    }

    @GET
    @Path("history")
    @RequiresPermission(Permissions.CONTENT_WRITE)
    @Operation(summary = "The caller's query history, newest first; q searches the SQL, before pages")
    public List<QueryHistoryEntry> history(@QueryParam("q") String search, @QueryParam("dataSourceId") String dataSourceId,
            @QueryParam("before") String before, @QueryParam("limit") @DefaultValue("50") int limit,
            @Context HttpServletRequest request) {
        Caller caller = caller(request);
        if (limit < 1 || limit > 500) {
            throw ApiException.badRequest("limit", "From 1 to 500.");
        }
        Instant beforeAt;
        try {
            beforeAt = before == null || before.isBlank() ? null : Instant.parse(before);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("before", "An ISO instant such as 2026-01-31T12:00:00Z.");
        }
        if (search != null && search.length() > 1000) {
            throw ApiException.badRequest("q", "At most 1000 characters.");
        }
        return history.list(caller.organizationId(), caller.userId(), search, blankToNull(dataSourceId), beforeAt, limit);
    }

    @GET
    @Path("{id}")
    @RequiresPermission(Permissions.CONTENT_WRITE)
    @Operation(summary = "A running query of the caller (404 once it has finished)")
    public RunningQuery status(@PathParam("id") String id, @Context HttpServletRequest request) {
        return queries.running(caller(request)).stream().filter(q -> q.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiException.notFound("No running query with this id."));
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission(Permissions.CONTENT_WRITE)
    @Operation(summary = "Cancel a running query of the caller: the database stops it (JDBC cancel)")
    public Response cancel(@PathParam("id") String id, @Context HttpServletRequest request) {
        if (!queries.cancel(caller(request), id)) {
            throw ApiException.notFound("No running query with this id.");
        }
        return Response.noContent().build();
    }

    static QueryRequest request(QueryInput body) {
        if (body == null) {
            throw ApiException.badRequest(null, "Send the query as JSON.");
        }
        return new QueryRequest(body.dataSourceId(), body.sql(), QueryJson.definitions(body.parameters(), "parameters"), body.values(),
                body.maxRows() == null ? 0 : body.maxRows(), body.useCache() == null || body.useCache(), body.id(),
                QueryJson.timeZone(body.timeZone(), "timeZone"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Caller caller(HttpServletRequest request) {
        return (Caller) request.getAttribute(Caller.PROPERTY);
    }
}
