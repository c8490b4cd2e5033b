package io.sightline.rest.internal;

import java.lang.reflect.Method;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

import io.sightline.api.auth.Caller;
import io.sightline.api.rest.ApiException;
import io.sightline.api.rest.RestApplication;

/**
 * Fails closed: a non-public method runs only for a caller the auth module has established. When
 * the auth module is stopped or being swapped, such calls answer 503 naming it instead of running
 * unauthenticated.
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsApplicationSelect(RestApplication.SELECT)
@Priority(Priorities.AUTHORIZATION + 100)
public class RequireCallerFilter implements ContainerRequestFilter {
    @Context
    ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resourceInfo.getResourceMethod();
        Class<?> type = resourceInfo.getResourceClass();
        if (method == null || RestApplication.isPublic(method, type)) {
            return;
        }
        if (!(request.getProperty(Caller.PROPERTY) instanceof Caller)) {
            throw new ApiException(503, "module_unavailable",
                    "The authentication module (sightline-auth) is not running; try again shortly.", null);
        }
    }
}
