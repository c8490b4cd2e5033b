package io.sightline.vault.internal;

import java.io.IOException;

import javax.servlet.http.HttpServletRequest;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sightline.api.account.AccountStore;
import io.sightline.api.account.Organization;
import io.sightline.api.auth.Caller;
import io.sightline.api.auth.Permissions;
import io.sightline.api.rest.ApiException;
import io.sightline.api.rest.RequiresPermission;
import io.sightline.api.rest.RestApplication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Key status and rotation for Owners (SPEC V-3). An organization's Owner rotates its data key; the
 * master key, which protects every organization, is rotated by Owners of the installation's first
 * organization (or by ops from the shell).
 */
@Component(service = VaultResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@JSONRequired
@Path("vault")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permissions.ORGANIZATION_MANAGE)
@Tag(name = "vault", description = "Encryption keys of stored secrets: status and rotation (Owners)")
public class VaultResource {
    private static final Logger LOG = LoggerFactory.getLogger(VaultResource.class);

    private final EnvelopeVault vault;
    private final AccountStore accounts;

    @Activate
    public VaultResource(@Reference EnvelopeVault vault, @Reference AccountStore accounts) {
        this.vault = vault;
        this.accounts = accounts;
    }

    /** Key ids and counts only; never key material. */
    public record StatusView(String masterKeyId, String masterKeySource, boolean canRotateMasterKey, String dataKeyId,
            java.time.Instant dataKeyCreatedAt, long secrets, long secretsUnderOtherKeys) {}

    @GET
    @Operation(summary = "Which keys protect the organization's secrets, and how many secrets there are")
    public StatusView status(@Context HttpServletRequest request) {
        Caller caller = caller(request);
        EnvelopeVault.Status s = vault.status(caller.organizationId());
        return new StatusView(s.masterKeyId(), s.masterKeySource(), installationOwner(caller), s.dataKeyId(),
                s.dataKeyCreatedAt(), s.secrets(), s.secretsUnderOtherKeys());
    }

    @POST
    @Path("rotate-data-key")
    @Operation(summary = "Re-encrypt every secret of the organization under a new data key",
            description = "Runs while the server serves; resumes an interrupted rotation. Audited.")
    public EnvelopeVault.Rotation rotateDataKey(@Context HttpServletRequest request) {
        Caller caller = caller(request);
        return vault.rotateDataKey(caller.organizationId(), actor(caller));
    }

    @POST
    @Path("rotate-master-key")
    @Operation(summary = "Make a new master key and re-wrap every organization's data keys with it",
            description = "Owners of the installation's first organization only. Resumes an interrupted rotation. Audited.")
    public EnvelopeVault.Rotation rotateMasterKey(@Context HttpServletRequest request) {
        Caller caller = caller(request);
        if (!installationOwner(caller)) {
            throw new ApiException(403, "forbidden",
                    "The master key protects every organization: only Owners of the installation's first organization can rotate it.", null);
        }
        try {
            return vault.rotateMasterKey(actor(caller));
        } catch (IllegalStateException fromEnvironment) {
            throw new ApiException(409, "master_key_from_environment", fromEnvironment.getMessage(), null);
        } catch (IOException e) {
            LOG.error("Master key rotation could not write the key file: {}", e.getMessage());
            throw new ApiException(500, "key_file_unwritable",
                    "The master key file could not be written; nothing changed. Check that Sightline can write etc/keys.", null);
        }
    }

    private boolean installationOwner(Caller caller) {
        return accounts.installationOrganization().map(Organization::id).filter(caller.organizationId()::equals).isPresent();
    }

    private static EnvelopeVault.Actor actor(Caller caller) {
        return new EnvelopeVault.Actor(caller.userId(), null, caller.organizationId(), caller.sourceAddress());
    }

    private static Caller caller(HttpServletRequest request) {
        return (Caller) request.getAttribute(Caller.PROPERTY);
    }
}
