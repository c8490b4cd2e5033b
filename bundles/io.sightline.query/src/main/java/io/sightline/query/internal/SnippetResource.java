package io.sightline.query.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.sightline.api.account.Role;
import io.sightline.api.audit.AuditEvent;
import io.sightline.api.audit.AuditLog;
import io.sightline.api.auth.Caller;
import io.sightline.api.auth.Permissions;
import io.sightline.api.query.Snippet;
import io.sightline.api.query.SnippetStore;
import io.sightline.api.rest.ApiException;
import io.sightline.api.rest.RequiresPermission;
import io.sightline.api.rest.RestApplication;
import io.sightline.query.internal.sql.SqlLexer;
import io.sightline.query.internal.sql.SqlTemplateException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * SQL snippets of the organization: everyone who writes SQL uses and adds them; the creator,
 * Admins and Owners change and delete them.
 */
@Component(service = SnippetResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@JSONRequired
@Path("snippets")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "snippets", description = "Named SQL fragments, used as {{snippet:name}}")
public class SnippetResource {
    private final SnippetStore store;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile AuditLog audit;

    @Activate
    public SnippetResource(@Reference SnippetStore store) {
        this.store = store;
    }

    public record SnippetInput(String name, String description, String sql) {}

    @GET
    @RequiresPermission(Permissions.CONTENT_WRITE)
    @Operation(summary = "The organization's snippets")
    public List<Snippet> list(@Context HttpServletRequest request) {
        return store.list(caller(request).organizationId());
    }

    @GET
    @Path("{id}")
    @RequiresPermission(Permissions.CONTENT_WRITE)
    @Operation(summary = "One snippet")
    public Snippet get(@PathParam("id") String id, @Context HttpServletRequest request) {
        return find(caller(request), id);
    }

    @POST
    @RequiresPermission(Permissions.CONTENT_WRITE)
    @Operation(summary = "Add a snippet")
    public Response create(SnippetInput body, @Context HttpServletRequest request) {
        Caller caller = caller(request);
        Snippet snippet = store.create(valid(new Snippet(UUID.randomUUID().toString(), caller.organizationId(),
                body == null ? null : body.name(), body == null ? null : body.description(), body == null ? null : body.sql(),
                caller.userId(), Instant.now().truncatedTo(ChronoUnit.MILLIS))));
        record(caller, "snippet.create", snippet.id(), "name");
        return Response.status(201).entity(snippet).build();
    }

    @PUT
    @Path("{id}")
    @RequiresPermission(Permissions.CONTENT_WRITE)
    @Operation(summary = "Change a snippet (its creator, Admins and Owners)")
    public Snippet update(@PathParam("id") String id, SnippetInput body, @Context HttpServletRequest request) {
        Caller caller = caller(request);
        Snippet old = mayChange(caller, find(caller, id));
        Snippet changed = valid(new Snippet(id, caller.organizationId(), body == null ? null : body.name(),
                body == null ? null : body.description(), body == null ? null : body.sql(), old.createdBy(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        Snippet saved = store.update(changed).orElseThrow(() -> ApiException.notFound("No snippet with this id."));
        record(caller, "snippet.update", id, "name,description,sql");
        return saved;
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission(Permissions.CONTENT_WRITE)
    @Operation(summary = "Delete a snippet (its creator, Admins and Owners); queries using it then fail with its name")
    public Response delete(@PathParam("id") String id, @Context HttpServletRequest request) {
        Caller caller = caller(request);
        mayChange(caller, find(caller, id));
        store.delete(caller.organizationId(), id);
        record(caller, "snippet.delete", id, null);
        return Response.noContent().build();
    }

    private Snippet find(Caller caller, String id) {
        return store.find(caller.organizationId(), id).orElseThrow(() -> ApiException.notFound("No snippet with this id."));
    }

    private static Snippet mayChange(Caller caller, Snippet snippet) {
        if (!snippet.createdBy().equals(caller.userId()) && !caller.role().includes(Role.ADMIN)) {
            throw new ApiException(403, "forbidden", "Only its creator, Admins and Owners change a snippet.", null);
        }
        return snippet;
    }

    private static Snippet valid(Snippet s) {
        if (s.name() == null || !SqlLexer.SNIPPET_NAME.matcher(s.name().strip()).matches()) {
            throw ApiException.badRequest("name", "1 to 100 letters, digits, spaces, _, - and ., starting with a letter, digit or _.");
        }
        if (s.sql() == null || s.sql().isBlank()) {
            throw ApiException.badRequest("sql", "Write the SQL fragment.");
        }
        if (s.sql().length() > 32_000) {
            throw ApiException.badRequest("sql", "At most 32,000 characters.");
        }
        if (s.description() != null && s.description().length() > 1000) {
            throw ApiException.badRequest("description", "At most 1000 characters.");
        }
        try {
            SqlLexer.lex(s.sql()); // an unterminated string or comment would break every query using it
        } catch (SqlTemplateException e) {
            throw ApiException.badRequest("sql", e.getMessage());
        }
        return new Snippet(s.id(), s.organizationId(), s.name().strip(), s.description() == null || s.description().isBlank()
                ? null : s.description().strip(), s.sql(), s.createdBy(), s.updatedAt());
    }

    private void record(Caller caller, String action, String id, String fields) {
        AuditLog log = audit;
        if (log != null) {
            log.record(AuditEvent.by(caller, action, "snippet", id, fields == null ? null : "fields=" + fields));
        }
    }

    private static Caller caller(HttpServletRequest request) {
        return (Caller) request.getAttribute(Caller.PROPERTY);
    }
}
