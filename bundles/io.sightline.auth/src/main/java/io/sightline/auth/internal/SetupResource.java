package io.sightline.auth.internal;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.sightline.api.rest.Public;
import io.sightline.api.rest.RestApplication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** One-time setup of a fresh installation (A-10, docs/api-auth.md). The token is only ever read, never answered. */
@Component(service = SetupResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@JSONRequired
@Path("setup")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "auth", description = "Sign-up, sign-in, sessions and emailed links")
public class SetupResource {
    private final Setup setup;
    private final AccountViews views;

    @Activate
    public SetupResource(@Reference Setup setup, @Reference AccountViews views) {
        this.setup = setup;
        this.views = views;
    }

    public record Status(boolean required) {}

    public record SetupBody(String token, String email, String password, String displayName, String organizationName) {}

    @GET
    @Public
    @Operation(summary = "Whether the installation still needs its first Owner (never the token)")
    public Status status() {
        return new Status(setup.required());
    }

    @POST
    @Public
    @Operation(summary = "Create the first Owner and organization with the setup token printed at start; "
            + "answers a session like sign-in. 404 once an Owner exists, 403 for a wrong token")
    public Views.Session complete(SetupBody body, @Context HttpServletRequest request) {
        SetupBody b = AuthResource.require(body);
        return views.session(setup.complete(b.token(), b.email(), b.password(), b.displayName(), b.organizationName(),
                request.getRemoteAddr()));
    }
}
