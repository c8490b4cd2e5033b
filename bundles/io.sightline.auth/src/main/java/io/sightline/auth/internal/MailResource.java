package io.sightline.auth.internal;

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
import io.sightline.api.notify.MailStatus;
import io.sightline.api.notify.Mailer;
import io.sightline.api.rest.RequiresPermission;
import io.sightline.api.rest.RestApplication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Whether outgoing mail is set up, so the admin page can say where emails go instead. */
@Component(service = MailResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@JSONRequired
@Path("admin/mail")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin", description = "Installation settings admins see")
public class MailResource {
    private final Mailer mailer;

    @Activate
    public MailResource(@Reference Mailer mailer) {
        this.mailer = mailer;
    }

    @GET
    @RequiresPermission(Permissions.DATASOURCE_MANAGE)
    @Operation(summary = "Whether SMTP is configured (host, sender, the keys to set); never the SMTP user or password")
    public MailStatus status() {
        return mailer.status();
    }
}
