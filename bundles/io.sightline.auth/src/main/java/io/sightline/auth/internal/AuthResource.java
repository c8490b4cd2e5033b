package io.sightline.auth.internal;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
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

import io.sightline.api.auth.Caller;
import io.sightline.api.rest.ApiException;
import io.sightline.api.rest.Public;
import io.sightline.api.rest.RestApplication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Sign-up, sign-in and the emailed-token flows (docs/api-auth.md). */
@Component(service = AuthResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@JSONRequired
@Path("auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "auth", description = "Sign-up, sign-in, sessions and emailed links")
public class AuthResource {
    private static final Views.Message CHECK_INBOX =
            new Views.Message("Check your inbox: we sent a link to confirm the address.");

    private final AuthService auth;
    private final AccountViews views;

    @Activate
    public AuthResource(@Reference AuthService auth, @Reference AccountViews views) {
        this.auth = auth;
        this.views = views;
    }

    public record SignUp(String email, String password, String displayName, String organizationName) {}

    public record SignIn(String email, String password) {}

    public record Refresh(String refreshToken) {}

    public record Token(String token) {}

    public record EmailOnly(String email) {}

    public record NewPassword(String token, String password) {}

    public record AcceptInvitation(String token, String displayName, String password) {}

    @POST
    @Path("signup")
    @Public
    @Operation(summary = "Create an account and its organization; a confirmation link is emailed")
    public Response signUp(SignUp body, @Context HttpServletRequest request) {
        SignUp b = require(body);
        auth.signUp(b.email(), b.password(), b.displayName(), b.organizationName(), request.getRemoteAddr());
        return Response.accepted(CHECK_INBOX).build();
    }

    @POST
    @Path("confirm")
    @Public
    @Operation(summary = "Confirm an account or a changed email address with the emailed token")
    public Views.Message confirm(Token body, @Context HttpServletRequest request) {
        auth.confirm(require(body).token(), request.getRemoteAddr());
        return new Views.Message("Your email address is confirmed. You can sign in.");
    }

    @POST
    @Path("login")
    @Public
    @Operation(summary = "Sign in; answers a session with access and refresh tokens")
    public Views.Session login(SignIn body, @Context HttpServletRequest request) {
        SignIn b = require(body);
        return views.session(auth.signIn(b.email(), b.password(), request.getRemoteAddr()));
    }

    @POST
    @Path("refresh")
    @Public
    @Operation(summary = "Exchange a refresh token for new tokens")
    public Views.Session refresh(Refresh body) {
        return views.session(auth.refresh(require(body).refreshToken()));
    }

    @POST
    @Path("logout")
    @Operation(summary = "End the session")
    public Response logout(@Context HttpServletRequest request) {
        auth.signOut((Caller) request.getAttribute(Caller.PROPERTY));
        return Response.noContent().build();
    }

    @POST
    @Path("password-reset")
    @Public
    @Operation(summary = "Email a password-reset link (the answer is the same for unknown addresses)")
    public Response requestReset(EmailOnly body, @Context HttpServletRequest request) {
        auth.requestPasswordReset(require(body).email(), request.getRemoteAddr());
        return Response.accepted(new Views.Message(
                "If an account uses this address, we sent it a link to choose a new password.")).build();
    }

    @POST
    @Path("password-reset/confirm")
    @Public
    @Operation(summary = "Set a new password with the emailed token; every session of the account ends")
    public Views.Message reset(NewPassword body, @Context HttpServletRequest request) {
        NewPassword b = require(body);
        auth.resetPassword(b.token(), b.password(), request.getRemoteAddr());
        return new Views.Message("Your password is changed. Sign in with the new one.");
    }

    @POST
    @Path("unlock")
    @Public
    @Operation(summary = "Lift a lock with the emailed token")
    public Views.Message unlock(Token body, @Context HttpServletRequest request) {
        auth.unlock(require(body).token(), request.getRemoteAddr());
        return new Views.Message("Your account is unlocked. You can sign in.");
    }

    @POST
    @Path("invitation")
    @Public
    @Operation(summary = "Accept an invitation; creates the account when the address has none")
    public Views.Message acceptInvitation(AcceptInvitation body, @Context HttpServletRequest request) {
        AcceptInvitation b = require(body);
        auth.acceptInvitation(b.token(), b.displayName(), b.password(), request.getRemoteAddr());
        return new Views.Message("You joined the organization. Sign in to start.");
    }

    static <T> T require(T body) {
        if (body == null) {
            throw ApiException.badRequest(null, "Send a JSON body.");
        }
        return body;
    }
}
