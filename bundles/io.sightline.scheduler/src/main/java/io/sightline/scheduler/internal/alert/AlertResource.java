package io.sightline.scheduler.internal.alert;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.sightline.api.audit.AuditEvent;
import io.sightline.api.audit.AuditLog;
import io.sightline.api.auth.Caller;
import io.sightline.api.auth.Permissions;
import io.sightline.api.datasource.DataSourceStore;
import io.sightline.api.query.QueryException;
import io.sightline.api.query.QueryJson;
import io.sightline.api.query.QueryRequest;
import io.sightline.api.rest.ApiException;
import io.sightline.api.rest.RequiresPermission;
import io.sightline.api.rest.RestApplication;
import io.sightline.api.schedule.Alert;
import io.sightline.api.schedule.JobKind;
import io.sightline.api.schedule.Schedule;
import io.sightline.api.schedule.ScheduleStore;
import io.sightline.scheduler.internal.ScheduleResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** SQL alerts (S-2), managed by Admins and Owners: query, condition, schedule and whom to notify. */
@Component(service = AlertResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@JSONRequired
@Path("alerts")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alerts", description = "SQL alerts: a query, a condition, a schedule, email and webhooks")
public class AlertResource {
    static final String TYPE = "alert";
    private static final int MAX_WEBHOOKS = 5;
    private static final int MAX_RECIPIENTS = 100;

    private final Alerts alerts;
    private final ScheduleStore schedules;
    private final DataSourceStore dataSources;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile AuditLog audit;

    @Activate
    public AlertResource(@Reference Alerts alerts, @Reference ScheduleStore schedules, @Reference DataSourceStore dataSources) {
        this.alerts = alerts;
        this.schedules = schedules;
        this.dataSources = dataSources;
    }

    public record ScheduleView(String id, String cron, Integer intervalSeconds, String timeZone, boolean enabled,
            Instant nextRunAt, String description) {}

    public record NotifyView(List<String> userIds, List<Map<String, String>> webhooks, boolean everyRun) {}

    public record AlertView(String id, String name, String dataSourceId, String sql, String reportId, Condition condition,
            ScheduleView schedule, @JsonProperty("notify") NotifyView notification, String state, String lastValue, Instant lastCheckedAt,
            String lastMessage, String createdBy, Instant createdAt, Instant updatedAt) {}

    public record NotifyInput(List<String> userIds, List<String> webhookUrls, Boolean everyRun) {}

    public record AlertInput(String name, String dataSourceId, String sql, String reportId, Condition condition,
            ScheduleResource.ScheduleInput schedule, @JsonProperty("notify") NotifyInput notification) {}

    public record TestView(boolean holds, String value, int rowCount, String message) {}

    @GET
    @RequiresPermission(Permissions.DATASOURCE_MANAGE)
    @Operation(summary = "The organization's alerts")
    public List<AlertView> list(@Context HttpServletRequest request) {
        Caller caller = ScheduleResource.caller(request);
        return alerts.store.list(caller.organizationId()).stream().map(this::view).toList();
    }

    @GET
    @Path("{id}")
    @RequiresPermission(Permissions.DATASOURCE_MANAGE)
    @Operation(summary = "One alert")
    public AlertView get(@PathParam("id") String id, @Context HttpServletRequest request) {
        return view(find(ScheduleResource.caller(request), id));
    }

    @POST
    @RequiresPermission(Permissions.DATASOURCE_MANAGE)
    @Operation(summary = "Create an alert and its schedule; it runs as its creator")
    public Response create(AlertInput in, @Context HttpServletRequest request) {
        Caller caller = ScheduleResource.caller(request);
        String id = UUID.randomUUID().toString();
        Instant now = now();
        Checked c = checked(caller, in, id, null);
        Alert alert = new Alert(id, caller.organizationId(), c.name, c.dataSourceId, c.sql, c.reportId, c.conditionJson,
                c.notifyJson(), Alerts.UNKNOWN, null, null, null, caller.userId(), now, now);
        storeWebhooks(caller, id, c.webhookUrls, 0);
        alerts.store.create(alert);
        Schedule t = c.timing;
        schedules.create(new Schedule(UUID.randomUUID().toString(), caller.organizationId(), JobKind.ALERT, id, t.cron(),
                t.intervalSeconds(), t.timeZone(), t.enabled(), t.nextRunAt(), null, null, caller.userId(), now, now));
        record(caller, "alert.create", alert);
        return Response.status(201).entity(view(alert)).build();
    }

    @PUT
    @Path("{id}")
    @RequiresPermission(Permissions.DATASOURCE_MANAGE)
    @Operation(summary = "Change an alert; webhookUrls absent keeps the stored ones, [] removes them. It then runs as you")
    public AlertView update(@PathParam("id") String id, AlertInput in, @Context HttpServletRequest request) {
        Caller caller = ScheduleResource.caller(request);
        Alert old = find(caller, id);
        Checked c = checked(caller, in, id, old);
        Alerts.Notify oldNotify = Alerts.notify(old);
        if (c.webhookUrls != null) {
            storeWebhooks(caller, id, c.webhookUrls, oldNotify.webhookHosts().size());
        }
        Alert saved = alerts.store.update(new Alert(id, old.organizationId(), c.name, c.dataSourceId, c.sql, c.reportId,
                c.conditionJson, c.webhookUrls == null ? Alerts.write(new Alerts.Notify(c.userIds, c.everyRun,
                        oldNotify.webhookHosts())) : c.notifyJson(), old.state(), old.lastValue(), old.lastCheckedAt(),
                old.lastMessage(), old.createdBy(), old.createdAt(), now()))
                .orElseThrow(() -> ApiException.notFound("No such alert."));
        Schedule t = c.timing;
        schedules.findFor(caller.organizationId(), JobKind.ALERT, id).ifPresentOrElse(s -> schedules.update(new Schedule(
                s.id(), s.organizationId(), s.kind(), s.targetId(), t.cron(), t.intervalSeconds(), t.timeZone(), t.enabled(),
                t.nextRunAt(), s.lastRunAt(), s.lastOutcome(), s.createdBy(), s.createdAt(), now())),
                () -> schedules.create(new Schedule(UUID.randomUUID().toString(), caller.organizationId(), JobKind.ALERT, id,
                        t.cron(), t.intervalSeconds(), t.timeZone(), t.enabled(), t.nextRunAt(), null, null, caller.userId(),
                        now(), now())));
        record(caller, "alert.update", saved);
        return view(saved);
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission(Permissions.DATASOURCE_MANAGE)
    @Operation(summary = "Delete an alert, its schedule, run records and webhook secrets")
    public Response delete(@PathParam("id") String id, @Context HttpServletRequest request) {
        Caller caller = ScheduleResource.caller(request);
        Alert alert = find(caller, id);
        alerts.store.delete(caller.organizationId(), id);
        alerts.vault.deleteAll(caller.organizationId(), "alert:" + id + ":");
        record(caller, "alert.delete", alert);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/test")
    @RequiresPermission(Permissions.DATASOURCE_MANAGE)
    @Operation(summary = "Run the query and evaluate the condition now; notifies nobody and changes no state")
    public TestView test(@PathParam("id") String id, @Context HttpServletRequest request) {
        Alert alert = find(ScheduleResource.caller(request), id);
        try {
            Condition.Outcome o = alerts.check(alert);
            return new TestView(o.holds(), o.value(), o.rowCount(), o.message());
        } catch (QueryException e) {
            throw QueryJson.error(e);
        } catch (IllegalStateException e) {
            throw new ApiException(409, "alert_not_runnable", e.getMessage(), null);
        }
    }

    /** Input after every check, ready to store. */
    private record Checked(String name, String dataSourceId, String sql, String reportId, String conditionJson,
            Schedule timing, List<String> userIds, boolean everyRun, List<String> webhookUrls, List<String> webhookHosts) {
        String notifyJson() {
            return Alerts.write(new Alerts.Notify(userIds, everyRun, webhookHosts));
        }
    }

    private Checked checked(Caller caller, AlertInput in, String id, Alert old) {
        if (in == null) {
            throw ApiException.badRequest(null, "Send the alert as JSON.");
        }
        String name = in.name() == null ? "" : in.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            throw ApiException.badRequest("name", "Give a name of 1 to 200 characters.");
        }
        if (in.dataSourceId() == null || dataSources.find(caller.organizationId(), in.dataSourceId()).isEmpty()) {
            throw ApiException.badRequest("dataSourceId", "No such data source in this organization.");
        }
        if (in.sql() == null || in.sql().isBlank() || in.sql().length() > 100_000) {
            throw ApiException.badRequest("sql", "Give the query to run, at most 100,000 characters.");
        }
        try {
            alerts.queries.check(caller, new QueryRequest(in.dataSourceId(), in.sql(), List.of(), Map.of(), 0, false, null));
        } catch (QueryException e) {
            ApiException error = QueryJson.error(e);
            throw new ApiException(error.status(), error.code(), error.getMessage(), "sql");
        }
        Condition condition = Condition.of(in.condition());
        if (in.schedule() == null) {
            throw ApiException.badRequest("schedule.intervalSeconds", "Give a schedule: cron or intervalSeconds.");
        }
        Schedule timing = ScheduleResource.timing(in.schedule(), "schedule.", true, alerts.settings.minIntervalSeconds());
        timing = timing.dueAt(ScheduleResource.firstRun(timing));
        NotifyInput notify = in.notification() == null ? new NotifyInput(List.of(), old == null ? List.of() : null, false)
                : in.notification();
        List<String> userIds = new ArrayList<>(new LinkedHashSet<>(notify.userIds() == null ? List.of() : notify.userIds()));
        if (userIds.size() > MAX_RECIPIENTS) {
            throw ApiException.badRequest("notify.userIds", "At most " + MAX_RECIPIENTS + " members.");
        }
        for (String userId : userIds) {
            if (userId == null || alerts.accounts.membershipOf(caller.organizationId(), userId).isEmpty()) {
                throw ApiException.badRequest("notify.userIds", "Not a member of this organization: " + userId);
            }
        }
        List<String> urls = notify.webhookUrls() == null && old != null ? null
                : notify.webhookUrls() == null ? List.of() : notify.webhookUrls();
        List<String> hosts = urls == null ? null : urls.stream().map(AlertResource::host).toList();
        if (urls != null && urls.size() > MAX_WEBHOOKS) {
            throw ApiException.badRequest("notify.webhookUrls", "At most " + MAX_WEBHOOKS + " webhooks.");
        }
        String reportId = in.reportId() == null || in.reportId().isBlank() ? null : in.reportId();
        return new Checked(name, in.dataSourceId(), in.sql(), reportId, Alerts.write(condition), timing, userIds,
                Boolean.TRUE.equals(notify.everyRun()), urls, hosts);
    }

    /** The host of an https URL; 400 without quoting the URL, whose path is a secret. */
    static String host(String url) {
        try {
            URI uri = new URI(url == null ? "" : url.strip());
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || url.length() > 2000) {
                throw ApiException.badRequest("notify.webhookUrls", "Use an https:// URL (at most 2,000 characters).");
            }
            return uri.getHost().toLowerCase(java.util.Locale.ROOT);
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("notify.webhookUrls", "Use an https:// URL (at most 2,000 characters).");
        }
    }

    private void storeWebhooks(Caller caller, String id, List<String> urls, int previously) {
        if (urls == null) {
            return;
        }
        for (int i = 0; i < urls.size(); i++) {
            char[] value = urls.get(i).strip().toCharArray();
            alerts.vault.put(caller.organizationId(), Alerts.webhookSecret(id, i), value);
            java.util.Arrays.fill(value, '\0');
        }
        for (int i = urls.size(); i < previously; i++) {
            alerts.vault.delete(caller.organizationId(), Alerts.webhookSecret(id, i));
        }
    }

    private AlertView view(Alert a) {
        ScheduleView schedule = schedules.findFor(a.organizationId(), JobKind.ALERT, a.id())
                .map(s -> new ScheduleView(s.id(), s.cron(), s.intervalSeconds(), s.timeZone(), s.enabled(), s.nextRunAt(),
                        ScheduleResource.describe(s)))
                .orElse(null);
        Alerts.Notify n = Alerts.notify(a);
        return new AlertView(a.id(), a.name(), a.dataSourceId(), a.sql(), a.reportId(), Alerts.condition(a), schedule,
                new NotifyView(n.userIds(), n.webhookHosts().stream().map(h -> Map.of("host", h)).toList(), n.everyRun()),
                a.state(), a.lastValue(), a.lastCheckedAt(), a.lastMessage(), a.createdBy(), a.createdAt(), a.updatedAt());
    }

    private Alert find(Caller caller, String id) {
        return alerts.store.find(caller.organizationId(), id).orElseThrow(() -> ApiException.notFound("No such alert."));
    }

    private void record(Caller caller, String action, Alert a) {
        AuditLog log = audit;
        if (log != null) {
            // Never the webhook URLs: only how many there are.
            Alerts.Notify n = Alerts.notify(a);
            log.record(AuditEvent.by(caller, action, TYPE, a.id(), "name=" + a.name() + " datasource=" + a.dataSourceId()
                    + " recipients=" + n.userIds().size() + " webhooks=" + n.webhookHosts().size()));
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
