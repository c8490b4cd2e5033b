package io.sightline.rest.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
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
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.sightline.api.health.HealthCheck;
import io.sightline.api.health.HealthStatus;
import io.sightline.api.rest.Public;
import io.sightline.api.rest.RestApplication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Liveness and readiness (SPEC P-4). Public: no token needed, and no secret in any message.
 * Ready means every registered {@link HealthCheck} is up and every required one is registered.
 */
@Component(service = HealthResource.class, configurationPid = "io.sightline.rest.health")
@Designate(ocd = HealthResource.Config.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@JSONRequired
@Public
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "health", description = "Liveness and readiness, for load balancers and operators")
public class HealthResource {

    @ObjectClassDefinition(name = "Sightline health", description = "What /api/health/ready requires.")
    public @interface Config {
        @AttributeDefinition(description = "Health checks that must be registered for the server to be ready.")
        String[] required_checks() default {"store", "bundles", "auth", "audit"};
    }

    /** One check's outcome. */
    public record Check(String name, String status, String message) {}

    /** Overall outcome. */
    public record Health(String status, List<Check> checks) {}

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<HealthCheck> checks;

    private final Set<String> required;

    @Activate
    public HealthResource(Config config) {
        this.required = Set.of(config.required_checks());
    }

    @GET
    @Operation(summary = "Readiness, as /health/ready", responses = {
        @ApiResponse(responseCode = "200", description = "Ready", content = @Content(schema = @Schema(implementation = Health.class))),
        @ApiResponse(responseCode = "503", description = "Not ready", content = @Content(schema = @Schema(implementation = Health.class)))
    })
    public Response health() {
        return ready();
    }

    @GET
    @Path("live")
    @Operation(summary = "Liveness: the server process answers", responses =
        @ApiResponse(responseCode = "200", description = "Alive", content = @Content(schema = @Schema(implementation = Health.class))))
    public Health live() {
        return new Health("UP", List.of());
    }

    @GET
    @Path("ready")
    @Operation(summary = "Readiness: the store answers, every Sightline bundle is active and sign-in works", responses = {
        @ApiResponse(responseCode = "200", description = "Ready", content = @Content(schema = @Schema(implementation = Health.class))),
        @ApiResponse(responseCode = "503", description = "Not ready", content = @Content(schema = @Schema(implementation = Health.class)))
    })
    public Response ready() {
        List<Check> results = new ArrayList<>();
        Set<String> missing = new TreeSet<>(required);
        List<HealthCheck> current = checks;
        for (HealthCheck check : current == null ? List.<HealthCheck>of() : current) {
            missing.remove(check.name());
            results.add(run(check));
        }
        missing.forEach(name -> results.add(new Check(name, "DOWN", "not running: its module is stopped or failed to start")));
        results.sort(Comparator.comparing(Check::name));
        boolean up = results.stream().allMatch(c -> c.status().equals("UP"));
        return Response.status(up ? 200 : 503).entity(new Health(up ? "UP" : "DOWN", results)).build();
    }

    private static Check run(HealthCheck check) {
        try {
            HealthStatus status = check.check();
            return new Check(check.name(), status.up() ? "UP" : "DOWN", status.message());
        } catch (RuntimeException e) {
            return new Check(check.name(), "DOWN", "check failed: " + e.getClass().getSimpleName());
        }
    }
}
