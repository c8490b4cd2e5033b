package io.sightline.report.internal;

import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
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

/** Import of content documents (R-5, docs/content-format.md): all or nothing, with a dry run. */
@Component(service = ImportResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@JSONRequired
@Path("imports")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "imports", description = "Import dashboards, reports and models from a content document")
public class ImportResource {
    private final ContentServices services;

    @Activate
    public ImportResource(@Reference ContentServices services) {
        this.services = services;
    }

    @POST
    @RequiresPermission(Permissions.CONTENT_WRITE)
    @Operation(summary = "Import a content document as the caller's private content; dryRun=true only reports what "
            + "would be created and what conflicts. With any conflict nothing is created.")
    public Porter.Result importDocument(Map<String, Object> document, @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
            @Context HttpServletRequest request) {
        return services.porter.importDocument(ReportResource.caller(request), document, dryRun);
    }
}
