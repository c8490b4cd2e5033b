package io.sightline.datasource.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.sightline.api.auth.Permissions;
import io.sightline.api.rest.RequiresPermission;
import io.sightline.api.rest.RestApplication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The database driver modules installed right now (DS-2): they come and go with their features. */
@Component(service = DriverResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@JSONRequired
@Path("drivers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "datasources", description = "Data sources: connection, test, schema")
public class DriverResource {
    private final Drivers drivers;

    @Activate
    public DriverResource(@Reference Drivers drivers) {
        this.drivers = drivers;
    }

    public record DriverView(String id, String displayName, int defaultPort, Map<String, String> options) {}

    @GET
    @RequiresPermission(Permissions.CONTENT_READ)
    @Operation(summary = "Installed database drivers, with the connection options each allows")
    public List<DriverView> list() {
        return drivers.all().stream()
                .map(d -> new DriverView(d.id(), d.displayName(), d.defaultPort(), new java.util.TreeMap<>(d.allowedOptions())))
                .sorted(Comparator.comparing(DriverView::displayName))
                .toList();
    }
}
