package io.sightline.auth.internal;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.sightline.api.account.AccountStore;
import io.sightline.api.account.Membership;
import io.sightline.api.account.Organization;
import io.sightline.api.account.Role;
import io.sightline.api.audit.AuditEvent;
import io.sightline.api.auth.Caller;
import io.sightline.api.auth.Permissions;
import io.sightline.api.rest.ApiException;
import io.sightline.api.rest.RequiresPermission;
import io.sightline.api.rest.RestApplication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Organizations and their members. Routes under {@code /orgs/{id}} act on the session's active
 * organization only: another id answers 404, so the role checked by the filter is always the
 * role in the organization acted on (switch with {@code PUT /me/organization}).
 */
@Component(service = OrganizationResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@JSONRequired
@Path("orgs")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "organizations", description = "Organizations, members and invitations")
public class OrganizationResource {
    private final AuthService auth;
    private final AccountStore accounts;

    @Activate
    public OrganizationResource(@Reference AuthService auth, @Reference AccountStore accounts) {
        this.auth = auth;
        this.accounts = accounts;
    }

    public record NewOrganization(String name) {}

    public record Invite(String email, Role role) {}

    public record RoleChange(Role role) {}

    @GET
    @Operation(summary = "The caller's organizations with the caller's role in each")
    public List<Views.OrganizationView> list(@Context HttpServletRequest request) {
        return accounts.organizationsOf(MeResource.caller(request).userId()).stream().map(Views.OrganizationView::of).toList();
    }

    @POST
    @Operation(summary = "Create an organization; the caller becomes its Owner")
    public Response create(NewOrganization body, @Context HttpServletRequest request) {
        Caller caller = MeResource.caller(request);
        Organization org = accounts.createOrganization(AuthService.requireText("name", AuthResource.require(body).name()));
        accounts.addMember(org.id(), caller.userId(), Role.OWNER);
        auth.audit(AuditEvent.now(org.id(), caller.userId(), null, caller.sourceAddress(), "organization.create",
                "organization", org.id(), "name=" + org.name()));
        return Response.status(201).entity(new Views.OrganizationView(org.id(), org.name(), Role.OWNER)).build();
    }

    @GET
    @Path("{id}/members")
    @RequiresPermission(Permissions.CONTENT_READ)
    @Operation(summary = "Members of the organization")
    public List<Views.MemberView> members(@PathParam("id") String id, @Context HttpServletRequest request) {
        Caller caller = active(request, id);
        return accounts.members(caller.organizationId()).stream()
                .map(m -> Views.MemberView.of(m, accounts.findUser(m.userId()).orElseThrow()))
                .toList();
    }

    @GET
    @Path("{id}/invitations")
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    @Operation(summary = "Pending invitations")
    public List<Views.InvitationView> invitations(@PathParam("id") String id, @Context HttpServletRequest request) {
        return accounts.pendingInvitations(active(request, id).organizationId()).stream().map(Views.InvitationView::of).toList();
    }

    @POST
    @Path("{id}/members")
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    @Operation(summary = "Invite someone by email with a role")
    public Response invite(@PathParam("id") String id, Invite body, @Context HttpServletRequest request) {
        Invite b = AuthResource.require(body);
        auth.invite(active(request, id), b.email(), b.role());
        return Response.accepted(new Views.Message("Invitation sent to " + b.email().strip() + ".")).build();
    }

    @PATCH
    @Path("{id}/members/{member}")
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    @Operation(summary = "Change a member's role")
    public Views.MemberView changeRole(@PathParam("id") String id, @PathParam("member") String member, RoleChange body,
            @Context HttpServletRequest request) {
        Caller caller = active(request, id);
        Role role = AuthResource.require(body).role();
        if (role == null) {
            throw ApiException.badRequest("role", "Choose a role.");
        }
        Membership current = membership(caller, member);
        guardOwners(caller, current, role);
        Membership changed = accounts.changeRole(caller.organizationId(), member, role);
        auth.audit(AuditEvent.by(caller, "member.role_change", "member", member,
                "user=" + changed.userId() + ", role: " + current.role() + " → " + role));
        return Views.MemberView.of(changed, accounts.findUser(changed.userId()).orElseThrow());
    }

    @DELETE
    @Path("{id}/members/{member}")
    @RequiresPermission(Permissions.MEMBERS_MANAGE)
    @Operation(summary = "Remove a member")
    public Response remove(@PathParam("id") String id, @PathParam("member") String member,
            @Context HttpServletRequest request) {
        Caller caller = active(request, id);
        Membership removed = membership(caller, member);
        guardOwners(caller, removed, null);
        accounts.removeMember(caller.organizationId(), member);
        auth.audit(AuditEvent.by(caller, "member.remove", "member", member,
                "user=" + removed.userId() + ", role was " + removed.role()));
        return Response.noContent().build();
    }

    /** Only Owners touch Owners, and the last Owner stays. */
    private void guardOwners(Caller caller, Membership target, Role newRole) {
        boolean ownerInvolved = target.role() == Role.OWNER || newRole == Role.OWNER;
        if (ownerInvolved && caller.role() != Role.OWNER) {
            throw new ApiException(403, "forbidden", "Only an Owner can grant or change the Owner role.", "role");
        }
        if (target.role() == Role.OWNER && newRole != Role.OWNER
                && accounts.members(caller.organizationId()).stream().filter(m -> m.role() == Role.OWNER).count() == 1) {
            throw new ApiException(409, "conflict", "An organization keeps at least one Owner.", "role");
        }
    }

    private Membership membership(Caller caller, String member) {
        return accounts.findMembership(caller.organizationId(), member)
                .orElseThrow(() -> ApiException.notFound("No such member."));
    }

    /** The caller, if {@code id} is the active organization; otherwise 404, as for any foreign id. */
    private static Caller active(HttpServletRequest request, String id) {
        Caller caller = MeResource.caller(request);
        if (caller.organizationId() == null || !caller.organizationId().equals(id)) {
            throw ApiException.notFound("No such organization.");
        }
        return caller;
    }
}
