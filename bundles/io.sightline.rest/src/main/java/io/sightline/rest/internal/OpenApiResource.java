package io.sightline.rest.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.JaxrsWhiteboardConstants;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.sightline.api.rest.Public;
import io.sightline.api.rest.RestApplication;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.servers.Server;

/**
 * The OpenAPI 3 description of the API (SPEC P-8), built from the annotations of the resources
 * registered in Sightline's application right now, so modules that come and go are reflected.
 * Public, like the health endpoints.
 */
@Component(service = OpenApiResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@JSONRequired
@Public
@Path("openapi.json")
@Tag(name = "meta", description = "The API description")
public class OpenApiResource {
    private static final String BEARER = "bearer";
    private final BundleContext context;
    private volatile Cached cached;

    private record Cached(List<String> classNames, String document) {}

    @Activate
    public OpenApiResource(BundleContext context) {
        this.context = context;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "This API description, OpenAPI 3")
    public String describe() throws InvalidSyntaxException, JsonProcessingException {
        Set<Class<?>> classes = resourceClasses();
        List<String> names = classes.stream().map(Class::getName).toList();
        Cached current = cached;
        if (current == null || !current.classNames().equals(names)) {
            OpenAPI api = new OpenAPI()
                    .info(new Info()
                            .title("Sightline API")
                            .description("Self-hosted SQL analytics. Every call needs a bearer token except "
                                    + "health, the API description and the sign-up, sign-in and emailed-token flows.")
                            .version("1")
                            .license(new License().name("Apache-2.0")))
                    .servers(List.of(new Server().url("/" + RestApplication.BASE)));
            api.components(new Components().addSecuritySchemes(BEARER,
                            new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                    .addSecurityItem(new SecurityRequirement().addList(BEARER));
            OpenAPI described = new Reader(api).read(classes);
            markPublic(described, classes);
            current = new Cached(names, Json.pretty(described));
            cached = current;
        }
        return current.document();
    }

    /** Operations of {@link Public} methods need no token: their security list is empty. */
    private static void markPublic(OpenAPI api, Set<Class<?>> classes) {
        Set<String> publicOperations = new java.util.HashSet<>();
        for (Class<?> type : classes) {
            for (java.lang.reflect.Method method : type.getMethods()) {
                if (RestApplication.isPublic(method, type)) {
                    publicOperations.add(method.getName());
                }
            }
        }
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            if (publicOperations.contains(operation.getOperationId())) {
                operation.setSecurity(List.of());
            }
        }));
    }

    private Set<Class<?>> resourceClasses() throws InvalidSyntaxException {
        Set<Class<?>> classes = new TreeSet<>(Comparator.comparing(Class::getName));
        ServiceReference<?>[] refs = context.getAllServiceReferences(null,
                "(" + JaxrsWhiteboardConstants.JAX_RS_RESOURCE + "=true)");
        for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
            Object select = ref.getProperty(JaxrsWhiteboardConstants.JAX_RS_APPLICATION_SELECT);
            if (!RestApplication.SELECT.equals(select) || ref.getBundle() == null) {
                continue;
            }
            try {
                classes.add(ref.getBundle().loadClass(((String[]) ref.getProperty(Constants.OBJECTCLASS))[0]));
            } catch (ClassNotFoundException goneMeanwhile) {
                // its bundle is stopping; the next call will not see it
            }
        }
        return classes;
    }
}
