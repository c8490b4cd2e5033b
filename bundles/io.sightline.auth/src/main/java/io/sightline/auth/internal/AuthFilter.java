package io.sightline.auth.internal;

import java.lang.reflect.Method;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

import io.sightline.api.auth.Caller;
import io.sightline.api.rest.ApiException;
import io.sightline.api.rest.Public;
import io.sightline.api.rest.RequiresPermission;
import io.sightline.api.rest.RestApplication;

/**
 * Runs after routing, so it judges the Java method that will answer, not a URL pattern (URL
 * matching mismatches are how most Shiro bypasses worked): {@link Public} methods pass; every
 * other one needs a live bearer token, and its {@link RequiresPermission} is checked by Shiro
 * against the caller's role in the active organization.
 */
@Component(service = {ContainerRequestFilter.class, AuthFilter.class})
@JaxrsExtension
@JaxrsApplicationSelect(RestApplication.SELECT)
@Priority(Priorities.AUTHENTICATION)
public class AuthFilter implements ContainerRequestFilter {
    private final AuthService auth;
    private final Authorizer authorizer;

    @Context
    ResourceInfo resourceInfo;

    @Context
    HttpServletRequest servletRequest;

    @Activate
    public AuthFilter(@Reference AuthService auth, @Reference Authorizer authorizer) {
        this.auth = auth;
        this.authorizer = authorizer;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resourceInfo.getResourceMethod();
        Class<?> type = resourceInfo.getResourceClass();
        if (method == null || RestApplication.isPublic(method, type)) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 300) {
            throw unauthorized("Sign in first: this call needs a bearer token.");
        }
        Caller caller = auth.resolve(header.substring(7).strip())
                .orElseThrow(() -> unauthorized("Your session has ended. Sign in again."))
                .from(servletRequest.getRemoteAddr());
        request.setProperty(Caller.PROPERTY, caller);

        RequiresPermission required = method.getAnnotation(RequiresPermission.class);
        if (required == null && type != null) {
            required = type.getAnnotation(RequiresPermission.class);
        }
        if (required != null && !authorizer.permitted(caller, required.value())) {
            throw new ApiException(403, "forbidden", caller.role() == null
                    ? "Choose an organization first."
                    : "Your role (" + caller.role().name().toLowerCase() + ") does not allow this.", null);
        }
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message, null);
    }
}
