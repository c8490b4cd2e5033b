package io.sightline.auth.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.PathParam;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
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
import io.sightline.api.account.ApiToken;
import io.sightline.api.account.Role;
import io.sightline.api.audit.AuditEvent;
import io.sightline.api.auth.Caller;
import io.sightline.api.query.QueryJson;
import io.sightline.api.rest.ApiException;
import io.sightline.api.rest.RestApplication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The signed-in user's own profile (any role; a token is enough). */
@Component(service = MeResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@JSONRequired
@Path("me")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "profile", description = "The signed-in user")
public class MeResource {
    private final AuthService auth;
    private final AccountViews views;
    private final AccountStore accounts;

    @Activate
    public MeResource(@Reference AuthService auth, @Reference AccountViews views, @Reference AccountStore accounts) {
        this.auth = auth;
        this.views = views;
        this.accounts = accounts;
    }

    public record ActiveOrganization(String organizationId) {}

    public record EmailChange(String email, String password) {}

    public record PasswordChange(String currentPassword, String newPassword) {}

    @GET
    @Operation(summary = "The user, the active organization and all of the user's organizations")
    public Views.Me me(@Context HttpServletRequest request) {
        Caller caller = caller(request);
        return views.me(caller.userId(), caller.organizationId());
    }

    /**
     * Changes the fields the body names (a JSON object, so that a {@code "timeZone": null} that
     * clears the zone differs from a body without it): {@code displayName} (required text) and
     * {@code timeZone} (an IANA id such as {@code Europe/Paris}; null or empty follows the browser's).
     * Every field is checked before anything changes.
     */
    @PATCH
    @Operation(summary = "Change the display name and/or the time zone (IANA id; null or \"\" follows the browser's)")
    public Views.Me update(Map<String, Object> body, @Context HttpServletRequest request) {
        Caller caller = caller(request);
        Map<String, Object> b = AuthResource.require(body);
        for (String field : b.keySet()) {
            if (!PROFILE_FIELDS.contains(field)) {
                throw ApiException.badRequest(field, "Not a profile field; send displayName and/or timeZone.");
            }
        }
        if (b.isEmpty()) {
            throw ApiException.badRequest("displayName", "Send displayName and/or timeZone.");
        }
        String displayName = b.containsKey("displayName")
                ? AuthService.requireText("displayName", text(b.get("displayName"), "displayName")) : null;
        ZoneId zone = QueryJson.timeZone(text(b.get("timeZone"), "timeZone"), "timeZone");
        List<String> changed = new ArrayList<>();
        if (displayName != null) {
            accounts.changeDisplayName(caller.userId(), displayName);
            changed.add("displayName");
        }
        if (b.containsKey("timeZone")) {
            accounts.changeTimeZone(caller.userId(), zone == null ? null : zone.getId());
            changed.add("timeZone");
        }
        auth.auditUser(caller.userId(), null, caller.sourceAddress(), "account.profile_update",
                "fields: " + String.join(", ", changed));
        return views.me(caller.userId(), caller.organizationId());
    }

    private static final Set<String> PROFILE_FIELDS = Set.of("displayName", "timeZone");

    private static String text(Object value, String field) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw ApiException.badRequest(field, "Expected text.");
    }

    @PUT
    @Path("organization")
    @Operation(summary = "Switch the session's active organization")
    public Views.Me switchOrganization(ActiveOrganization body, @Context HttpServletRequest request) {
        Caller caller = caller(request);
        String organization = AuthService.requireText("organizationId", AuthResource.require(body).organizationId());
        auth.switchOrganization(caller, organization);
        return views.me(caller.userId(), organization);
    }

    @POST
    @Path("email")
    @Operation(summary = "Change the email address; a confirmation link goes to the new one")
    public Response changeEmail(EmailChange body, @Context HttpServletRequest request) {
        EmailChange b = AuthResource.require(body);
        auth.requestEmailChange(caller(request), b.email(), b.password());
        return Response.accepted(new Views.Message("Check the inbox of the new address: the change takes effect "
                + "when you follow the link we sent there.")).build();
    }

    @POST
    @Path("password")
    @Operation(summary = "Change the password; every other session ends")
    public Response changePassword(PasswordChange body, @Context HttpServletRequest request) {
        PasswordChange b = AuthResource.require(body);
        auth.changePassword(caller(request), b.currentPassword(), b.newPassword());
        return Response.noContent().build();
    }

    public record NewToken(String name, Role role, Integer expiresInDays) {}

    public record TokenView(String id, String name, Role role, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {
        static TokenView of(ApiToken token) {
            return new TokenView(token.id(), token.name(), token.role(), token.createdAt(), token.expiresAt(), token.lastUsedAt());
        }
    }

    public record CreatedToken(String id, String name, Role role, Instant createdAt, Instant expiresAt, String token) {}

    @GET
    @Path("tokens")
    @Operation(summary = "Personal API tokens in the active organization")
    public List<TokenView> tokens(@Context HttpServletRequest request) {
        Caller caller = caller(request);
        if (caller.organizationId() == null) {
            return List.of();
        }
        return accounts.apiTokens(caller.organizationId(), caller.userId()).stream().map(TokenView::of).toList();
    }

    @POST
    @Path("tokens")
    @Operation(summary = "Create a personal API token; its value is answered this once")
    public Response createToken(NewToken body, @Context HttpServletRequest request) {
        Caller caller = caller(request);
        NewToken b = AuthResource.require(body);
        String token = auth.createApiToken(caller, b.name(), b.role(), b.expiresInDays());
        ApiToken created = accounts.apiTokens(caller.organizationId(), caller.userId()).get(0);
        return Response.status(201)
                .entity(new CreatedToken(created.id(), created.name(), created.role(), created.createdAt(), created.expiresAt(), token))
                .build();
    }

    @DELETE
    @Path("tokens/{id}")
    @Operation(summary = "Revoke a personal API token")
    public Response revokeToken(@PathParam("id") String id, @Context HttpServletRequest request) {
        Caller caller = caller(request);
        if (caller.organizationId() == null || !accounts.revokeApiToken(caller.organizationId(), caller.userId(), id)) {
            throw ApiException.notFound("No such token.");
        }
        auth.audit(AuditEvent.by(caller, "api_token.revoke", "api_token", id, null));
        return Response.noContent().build();
    }

    static Caller caller(HttpServletRequest request) {
        return (Caller) request.getAttribute(Caller.PROPERTY);
    }
}
