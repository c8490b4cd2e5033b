package io.sightline.datasource.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
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
import io.sightline.api.auth.Permissions;
import io.sightline.api.datasource.DataSourceDefinition;
import io.sightline.api.driver.ServerInfo;
import io.sightline.api.driver.TlsSettings;
import io.sightline.api.driver.WriteAccess;
import io.sightline.api.rest.ApiException;
import io.sightline.api.rest.RequiresPermission;
import io.sightline.api.rest.RestApplication;
import io.sightline.api.vault.SecretField;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Data sources (DS-3 … DS-8): members list and browse them; Admins and Owners create, change,
 * test and delete them. Secrets are never returned, only whether they are set (V-2).
 */
@Component(service = DataSourceResource.class, configurationPid = DataSourceService.PID)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@JSONRequired
@Path("datasources")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "datasources", description = "Data sources: connection, test, schema")
public class DataSourceResource {
    private final DataSourceService service;
    private final Drivers drivers;
    private final List<String> configuredAddresses;

    @Activate
    public DataSourceResource(@Reference DataSourceService service, @Reference Drivers drivers, DataSourceConfig config) {
        this.service = service;
        this.drivers = drivers;
        this.configuredAddresses = Arrays.stream(config.outbound_addresses().split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** TLS as shown: the certificates are public; of the client key only whether it is set (V-2). */
    public record TlsView(String mode, String caCertificate, String clientCertificate, SecretField clientKey) {}

    public record SshView(String host, int port, String user, SecretField privateKey, SecretField passphrase,
            SecretField password, String hostKeyFingerprint) {}

    public record DataSourceView(String id, String name, String driver, String driverName, boolean driverAvailable,
            String host, int port, String database, String user, SecretField password, Map<String, String> options,
            TlsView tls, SshView ssh, boolean readOnlyEnforced, int queryTimeoutSeconds, int cacheTtlSeconds, boolean operatorDefined, WriteAccess writeAccess,
            ServerInfo server, Instant metadataReadAt, Instant createdAt, Instant updatedAt) {}

    public record StepView(String step, boolean ok, long millis, String message, String hostKeyFingerprint) {}

    public record TestView(boolean ok, List<StepView> steps, ServerInfo server, WriteAccess writeAccess) {}

    public record Addresses(List<String> addresses, String note) {}

    private DataSourceView view(DataSourceDefinition d, Metadata.Read read) {
        Metadata.Summary summary = read == null ? null : read.summary();
        var driver = drivers.get(d.driver());
        DataSourceDefinition.SshTunnel ssh = d.ssh();
        return new DataSourceView(d.id(), d.name(), d.driver(), driver.map(x -> x.displayName()).orElse(d.driver()),
                driver.isPresent(), d.host(), d.port(), d.database(), d.user(),
                SecretField.of(service.secretSet(d, DataSourceDefinition.PASSWORD)), d.options(),
                tlsView(d.tls(), service.secretSet(d, DataSourceDefinition.TLS_CLIENT_KEY)),
                ssh == null ? null : new SshView(ssh.host(), ssh.port(), ssh.user(),
                        SecretField.of(service.secretSet(d, DataSourceDefinition.SSH_PRIVATE_KEY)),
                        SecretField.of(service.secretSet(d, DataSourceDefinition.SSH_PASSPHRASE)),
                        SecretField.of(service.secretSet(d, DataSourceDefinition.SSH_PASSWORD)), ssh.hostKeyFingerprint()),
                d.readOnlyEnforced(), d.queryTimeoutSeconds(), d.cacheTtlSeconds(), d.operatorDefined(), summary == null ? null : summary.writeAccess(),
                summary == null ? null : summary.server(), read == null ? null : read.readAt(), d.createdAt(),
                d.updatedAt());
    }

    static TlsView tlsView(TlsSettings tls, boolean clientKeySet) {
        return new TlsView(tls.mode().name(), tls.caCertificatePem(), tls.clientCertificatePem(), SecretField.of(clientKeySet));
    }

    private DataSourceView view(Caller caller, DataSourceDefinition d) {
        return view(d, service.summaries(caller).get(d.id()));
    }

    private static TestView view(ConnectionTest.Result r) {
        return new TestView(r.ok(), r.steps().stream()
                .map(s -> new StepView(s.step().name(), s.ok(), s.millis(), s.message(), s.hostKeyFingerprint())).toList(),
                r.server(), r.writeAccess());
    }

    @GET
    @RequiresPermission(Permissions.CONTENT_READ)
    @Operation(summary = "The organization's data sources (secrets show only whether they are set)")
    public List<DataSourceView> list(@Context HttpServletRequest request) {
        Caller caller = caller(request);
        Map<String, Metadata.Read> summaries = service.summaries(caller);
        return service.list(caller).stream().map(d -> view(d, summaries.get(d.id()))).toList();
    }

    @GET
    @Path("outbound-addresses")
    @RequiresPermission(Permissions.CONTENT_READ)
    @Operation(summary = "The addresses Sightline connects from, for firewall allow-lists (DS-8)")
    public Addresses outboundAddresses() {
        if (!configuredAddresses.isEmpty()) {
            return new Addresses(configuredAddresses, "Set by ops (outbound.addresses in etc/io.sightline.datasource.cfg).");
        }
        List<String> found = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (!a.isLinkLocalAddress() && !a.isLoopbackAddress()) {
                        String text = a.getHostAddress();
                        found.add(a instanceof Inet6Address && text.contains("%") ? text.substring(0, text.indexOf('%')) : text);
                    }
                }
            }
        } catch (SocketException e) {
            // answered with what was found
        }
        return new Addresses(found, "The server's own addresses. Behind NAT or a proxy your firewall sees another "
                + "address: ops can set it (outbound.addresses in etc/io.sightline.datasource.cfg).");
    }

    @GET
    @Path("{id}")
    @RequiresPermission(Permissions.CONTENT_READ)
    @Operation(summary = "One data source")
    public DataSourceView get(@PathParam("id") String id, @Context HttpServletRequest request) {
        Caller caller = caller(request);
        return view(caller, service.get(caller, id));
    }

    @POST
    @RequiresPermission(Permissions.DATASOURCE_MANAGE)
    @Operation(summary = "Add a data source; its metadata is read right after")
    public Response create(DataSourceInput body, @Context HttpServletRequest request) {
        Caller caller = caller(request);
        return Response.status(201).entity(view(caller, service.create(caller, body))).build();
    }

    @PUT
    @Path("{id}")
    @RequiresPermission(Permissions.DATASOURCE_MANAGE)
    @Operation(summary = "Change a data source; secrets left out or null stay, \"\" removes them")
    public DataSourceView update(@PathParam("id") String id, DataSourceInput body, @Context HttpServletRequest request) {
        Caller caller = caller(request);
        return view(caller, service.update(caller, id, body));
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission(Permissions.DATASOURCE_MANAGE)
    @Operation(summary = "Delete a data source, its secrets and metadata")
    public Response delete(@PathParam("id") String id, @Context HttpServletRequest request) {
        service.delete(caller(request), id);
        return Response.noContent().build();
    }

    @POST
    @Path("test")
    @RequiresPermission(Permissions.DATASOURCE_MANAGE)
    @Operation(summary = "Test an unsaved data source step by step (with \"id\": the stored secrets fill in what is left out)")
    public TestView testUnsaved(DataSourceInput body, @Context HttpServletRequest request) {
        return view(service.test(caller(request), body));
    }

    @POST
    @Path("{id}/test")
    @RequiresPermission(Permissions.DATASOURCE_MANAGE)
    @Operation(summary = "Test a saved data source step by step: DNS, TCP, SSH, TLS, authentication, first query")
    public TestView test(@PathParam("id") String id, @Context HttpServletRequest request) {
        return view(service.test(caller(request), id));
    }

    @GET
    @Path("{id}/schema")
    @RequiresPermission(Permissions.CONTENT_READ)
    @Operation(summary = "Schemas, tables, views and columns, as last read")
    public Metadata.Schema schema(@PathParam("id") String id, @Context HttpServletRequest request) {
        return service.schema(caller(request), id).orElseThrow(() -> new ApiException(409, "metadata_not_read",
                "The schema has not been read yet. Refresh reads it now.", null));
    }

    @POST
    @Path("{id}/schema/refresh")
    @RequiresPermission(Permissions.DATASOURCE_MANAGE)
    @Operation(summary = "Read server information and the schema now")
    public Metadata.Schema refresh(@PathParam("id") String id, @Context HttpServletRequest request) {
        return service.refresh(caller(request), id);
    }

    private static Caller caller(HttpServletRequest request) {
        return (Caller) request.getAttribute(Caller.PROPERTY);
    }
}
