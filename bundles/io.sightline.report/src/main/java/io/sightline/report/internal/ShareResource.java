package io.sightline.report.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
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
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.sightline.api.auth.Caller;
import io.sightline.api.auth.Permissions;
import io.sightline.api.report.Content;
import io.sightline.api.report.ContentTypes;
import io.sightline.api.rest.ApiException;
import io.sightline.api.rest.RequiresPermission;
import io.sightline.api.rest.RestApplication;
import io.sightline.api.sharing.Access;
import io.sightline.api.sharing.Share;
import io.sightline.api.sharing.ShareableType;
import io.sightline.report.internal.ContentJson.ShareInput;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Shares of reports, dashboards and filters, and of any type another module registers as a
 * {@link ShareableType} (semantic models). Only an object's owner shares it; its owner and editors
 * see who has it. Objects the caller may not read answer 404.
 */
@Component(service = ShareResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@JSONRequired
@Path("shares")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "shares", description = "Share content with members or the whole organization, for reading or editing")
public class ShareResource {
    private final ContentServices services;
    private final List<ShareableType> types = new CopyOnWriteArrayList<>();

    @Activate
    public ShareResource(@Reference ContentServices services) {
        this.services = services;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addType(ShareableType type) {
        types.add(type);
    }

    void removeType(ShareableType type) {
        types.remove(type);
    }

    @GET
    @RequiresPermission(Permissions.CONTENT_READ)
    @Operation(summary = "The shares of one object (its owner and editors)")
    public List<Share> list(@QueryParam("objectType") String objectType, @QueryParam("objectId") String objectId,
            @Context HttpServletRequest request) {
        Caller caller = ReportResource.caller(request);
        requireAccess(caller, objectType, objectId, Access.EDIT);
        return services.sharing.sharesOf(caller.organizationId(), objectType, objectId);
    }

    @POST
    @RequiresPermission(Permissions.CONTENT_WRITE)
    @Operation(summary = "Share an object with a member (userId) or the whole organization (userId null), READ or EDIT; its owner only")
    public Response create(ShareInput body, @Context HttpServletRequest request) {
        Caller caller = ReportResource.caller(request);
        if (body == null) {
            throw ApiException.badRequest(null, "Send the share as JSON.");
        }
        String owner = requireAccess(caller, body.objectType(), body.objectId(), Access.OWNER);
        Access access;
        try {
            access = Access.valueOf(body.access() == null ? "" : body.access().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            access = Access.NONE;
        }
        if (access != Access.READ && access != Access.EDIT) {
            throw ApiException.badRequest("access", "Use READ or EDIT.");
        }
        String userId = Reports.blankToNull(body.userId());
        if (userId != null && (userId.equals(owner)
                || services.accounts.membershipOf(caller.organizationId(), userId).isEmpty())) {
            throw ApiException.badRequest("userId", userId.equals(owner) ? "The owner has every right already."
                    : "No member of this organization has this id.");
        }
        Share share = services.sharing.share(caller.organizationId(), body.objectType(), body.objectId(), userId, access,
                caller.userId());
        services.audit.record(caller, "share.create", body.objectType(), body.objectId(),
                "share=" + share.id() + " user=" + (userId == null ? "organization" : userId) + " access=" + access);
        return Response.status(201).entity(share).build();
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission(Permissions.CONTENT_WRITE)
    @Operation(summary = "Remove a share (the object's owner)")
    public Response delete(@PathParam("id") String id, @Context HttpServletRequest request) {
        Caller caller = ReportResource.caller(request);
        Share share = services.sharing.find(caller.organizationId(), id)
                .orElseThrow(() -> ApiException.notFound("No share with this id."));
        try {
            requireAccess(caller, share.objectType(), share.objectId(), Access.OWNER);
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw ApiException.notFound("No share with this id.");
            }
            throw e;
        }
        services.sharing.unshare(caller.organizationId(), id);
        services.audit.record(caller, "share.delete", share.objectType(), share.objectId(), "share=" + id);
        return Response.noContent().build();
    }

    /** The object's owner, if the caller holds at least {@code needed} on it; else 404 or 403. */
    private String requireAccess(Caller caller, String objectType, String objectId, Access needed) {
        Validation.required(objectType, "objectType", "Name the type: report, dashboard, filter or model.");
        Validation.required(objectId, "objectId", "Name the object.");
        String owner = creatorOf(caller.organizationId(), objectType, objectId)
                .orElseThrow(() -> ContentAccess.notFound(objectType));
        Access access = services.sharing.accessOf(caller.organizationId(), objectType, objectId, owner, caller.userId());
        if (access == Access.NONE) {
            throw ContentAccess.notFound(objectType);
        }
        if (!access.includes(needed)) {
            throw new ApiException(403, "forbidden", needed == Access.OWNER ? "Only the owner shares it."
                    : "Only its owner and editors see its shares.", null);
        }
        return owner;
    }

    private Optional<String> creatorOf(String organizationId, String objectType, String objectId) {
        return switch (objectType) {
            case ContentTypes.REPORT -> services.reports.find(organizationId, objectId).map(Content::createdBy);
            case ContentTypes.DASHBOARD -> services.dashboards.find(organizationId, objectId).map(Content::createdBy);
            case ContentTypes.FILTER -> services.filters.find(organizationId, objectId).map(Content::createdBy);
            default -> {
                ShareableType type = types.stream().filter(t -> t.objectType().equals(objectType)).findFirst()
                        .orElseThrow(() -> ApiException.badRequest("objectType", "Use report, dashboard, filter"
                                + (objectType.equals(ContentTypes.MODEL) ? " (models need the semantic models module)" : "")
                                + " or model."));
                yield type.creatorOf(organizationId, objectId);
            }
        };
    }
}
