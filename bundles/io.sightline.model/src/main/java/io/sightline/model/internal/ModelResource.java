package io.sightline.model.internal;

import java.util.List;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.sightline.api.auth.Caller;
import io.sightline.api.auth.Permissions;
import io.sightline.api.model.CompiledQuery;
import io.sightline.api.model.ModelDefinition;
import io.sightline.api.model.ModelException;
import io.sightline.api.model.ModelQuery;
import io.sightline.api.query.ParameterDefinition;
import io.sightline.api.rest.ApiException;
import io.sightline.api.rest.RequiresPermission;
import io.sightline.api.rest.RestApplication;
import io.sightline.model.internal.ModelService.Fields;
import io.sightline.model.internal.ModelService.ModelInput;
import io.sightline.model.internal.ModelService.ModelView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Semantic models: Admins and Owners write them; anyone reads the ones they created or that
 * are shared with them, and compiles a selection to see its SQL. A model the caller may not
 * read answers 404.
 */
@Component(service = ModelResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@JSONRequired
@Path("models")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "models", description = "Semantic models: tables, joins, dimensions and metrics over a data source")
public class ModelResource {
    private final ModelService models;

    @Activate
    public ModelResource(@Reference ModelService models) {
        this.models = models;
    }

    /** A model as sent; the computed fields of a model read earlier may come along and are ignored. */
    @JsonIgnoreProperties({"id", "createdBy", "createdAt", "updatedAt", "access"})
    public record ModelBody(String name, String description, String dataSourceId, ModelDefinition definition) {}

    /** A selection to compile, with the report's parameter declarations that filters may name. */
    public record CompileBody(List<ModelQuery.Dimension> dimensions, List<String> metrics, List<ModelQuery.Filter> filters,
            List<ModelQuery.Sort> sort, Integer limit, List<Parameters.Input> parameters) {}

    @GET
    @RequiresPermission(Permissions.CONTENT_READ)
    @Operation(summary = "The caller's models and those shared with them")
    public List<ModelView> list(@Context HttpServletRequest request) {
        return call(() -> models.list(caller(request)));
    }

    @GET
    @Path("{id}")
    @RequiresPermission(Permissions.CONTENT_READ)
    @Operation(summary = "One model (404 unless the caller created it or it is shared with them)")
    public ModelView get(@PathParam("id") String id, @Context HttpServletRequest request) {
        return call(() -> models.get(caller(request), id));
    }

    @GET
    @Path("{id}/fields")
    @RequiresPermission(Permissions.CONTENT_READ)
    @Operation(summary = "A model's dimensions (with types and time grains) and metrics, for the report builder")
    public Fields fields(@PathParam("id") String id, @Context HttpServletRequest request) {
        return call(() -> models.fields(caller(request), id));
    }

    @POST
    @RequiresPermission(Permissions.DATASOURCE_MANAGE)
    @Operation(summary = "Add a model, checked against the data source's metadata; private to its creator until shared")
    public Response create(ModelBody body, @Context HttpServletRequest request) {
        ModelView created = call(() -> models.create(caller(request), input(body)));
        return Response.status(201).entity(created).build();
    }

    @PUT
    @Path("{id}")
    @RequiresPermission(Permissions.DATASOURCE_MANAGE)
    @Operation(summary = "Change a model (its creator, or shared with the caller for editing)")
    public ModelView update(@PathParam("id") String id, ModelBody body, @Context HttpServletRequest request) {
        return call(() -> models.update(caller(request), id, input(body)));
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission(Permissions.DATASOURCE_MANAGE)
    @Operation(summary = "Delete a model (its creator only); its shares go with it")
    public Response delete(@PathParam("id") String id, @Context HttpServletRequest request) {
        call(() -> {
            models.delete(caller(request), id);
            return null;
        });
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/compile")
    @RequiresPermission(Permissions.CONTENT_WRITE)
    @Operation(summary = "Compile a selection (dimensions, metrics, filters, sort, limit) to SQL for the model's data "
            + "source; run it with POST /api/queries and the returned parameters and values")
    public CompiledQuery compile(@PathParam("id") String id, CompileBody body, @Context HttpServletRequest request) {
        if (body == null) {
            throw ApiException.badRequest(null, "Send the selection as JSON.");
        }
        List<ParameterDefinition> parameters = Parameters.definitions(body.parameters());
        ModelQuery query = new ModelQuery(body.dimensions(), body.metrics(), body.filters(), body.sort(),
                body.limit() == null ? 0 : body.limit());
        return call(() -> models.compile(caller(request), id, query, parameters));
    }

    private static ModelInput input(ModelBody body) {
        if (body == null) {
            throw ApiException.badRequest(null, "Send the model as JSON.");
        }
        return new ModelInput(body.name(), body.description(), body.dataSourceId(), body.definition());
    }

    private static <T> T call(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (ModelException e) {
            throw api(e);
        }
    }

    static ApiException api(ModelException e) {
        int status = switch (e.code()) {
            case "not_found" -> 404;
            case "forbidden" -> 403;
            case "driver_missing" -> 503;
            default -> 400;
        };
        return new ApiException(status, e.code(), e.getMessage(), e.field());
    }

    private static Caller caller(HttpServletRequest request) {
        return (Caller) request.getAttribute(Caller.PROPERTY);
    }
}
