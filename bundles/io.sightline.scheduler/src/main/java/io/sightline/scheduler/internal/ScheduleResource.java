package io.sightline.scheduler.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
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

import io.sightline.api.audit.AuditEvent;
import io.sightline.api.audit.AuditLog;
import io.sightline.api.auth.Caller;
import io.sightline.api.auth.Permissions;
import io.sightline.api.rest.ApiException;
import io.sightline.api.rest.RequiresPermission;
import io.sightline.api.rest.RestApplication;
import io.sightline.api.schedule.JobHandler;
import io.sightline.api.schedule.JobKind;
import io.sightline.api.schedule.RunOutcome;
import io.sightline.api.schedule.Schedule;
import io.sightline.api.schedule.ScheduleRun;
import io.sightline.api.schedule.ScheduleStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Schedules are data (S-1): listed, created, changed, paused, run now and removed at run time by Admins. */
@Component(service = ScheduleResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@JSONRequired
@Path("schedules")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "schedules", description = "When scheduled work runs, and how each run ended")
public class ScheduleResource {
    static final String TYPE = "schedule";
    private static final int MAX_RUNS = 500;

    private final ScheduleStore store;
    private final SchedulerSettings settings;
    private final Map<JobKind, JobHandler> handlers = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile AuditLog audit;

    @Activate
    public ScheduleResource(@Reference ScheduleStore store, @Reference SchedulerSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addHandler(JobHandler handler) {
        handlers.put(handler.kind(), handler);
    }

    void removeHandler(JobHandler handler) {
        handlers.remove(handler.kind(), handler);
    }

    /** A schedule as the API shows it. */
    public record ScheduleView(String id, JobKind kind, String targetId, String targetName, String cron,
            Integer intervalSeconds, String timeZone, String description, boolean enabled, Instant nextRunAt,
            Instant lastRunAt, RunOutcome lastOutcome, Instant createdAt, Instant updatedAt) {}

    /** A run as the API shows it. */
    public record RunView(String id, String scheduleId, JobKind kind, String targetId, String targetName,
            Instant dueAt, Instant startedAt, Instant endedAt, long durationMs, RunOutcome outcome, String message,
            String node) {}

    /** What a client sends; on PUT, kind and targetId are ignored. */
    public record ScheduleInput(String kind, String targetId, String cron, Integer intervalSeconds, String timeZone,
            Boolean enabled) {}

    @GET
    @RequiresPermission(Permissions.DATASOURCE_MANAGE)
    @Operation(summary = "The organization's schedules, optionally of one kind or target")
    public List<ScheduleView> list(@QueryParam("kind") String kind, @QueryParam("targetId") String targetId,
            @Context HttpServletRequest request) {
        Caller caller = caller(request);
        JobKind only = kind == null || kind.isBlank() ? null : kind(kind);
        return store.list(caller.organizationId()).stream()
                .filter(s -> only == null || s.kind() == only)
                .filter(s -> targetId == null || targetId.equals(s.targetId()))
                .map(this::view)
                .sorted(Comparator.comparing(ScheduleView::kind).thenComparing(v -> v.targetName().toLowerCase()))
                .toList();
    }

    @GET
    @Path("{id}")
    @RequiresPermission(Permissions.DATASOURCE_MANAGE)
    @Operation(summary = "One schedule")
    public ScheduleView get(@PathParam("id") String id, @Context HttpServletRequest request) {
        return view(find(caller(request), id));
    }

    @POST
    @RequiresPermission(Permissions.DATASOURCE_MANAGE)
    @Operation(summary = "Schedule a schema refresh, dashboard pre-warm or filter refresh (alerts bring their own)")
    public Response create(ScheduleInput in, @Context HttpServletRequest request) {
        Caller caller = caller(request);
        if (in == null) {
            throw ApiException.badRequest(null, "Send the schedule as JSON.");
        }
        JobKind kind = kind(in.kind());
        if (kind == JobKind.ALERT) {
            throw ApiException.badRequest("kind", "An alert's schedule is created with the alert (/api/alerts).");
        }
        if (in.targetId() == null || targetName(caller.organizationId(), kind, in.targetId()).isEmpty()) {
            throw ApiException.badRequest("targetId", "No such " + targetWord(kind) + " in this organization.");
        }
        if (store.findFor(caller.organizationId(), kind, in.targetId()).isPresent()) {
            throw new ApiException(409, "schedule_exists", "This " + targetWord(kind)
                    + " already has a schedule of this kind: change that one.", "targetId");
        }
        Instant now = now();
        Schedule timing = timing(in, "", true);
        Schedule created = store.create(new Schedule(UUID.randomUUID().toString(), caller.organizationId(), kind,
                in.targetId(), timing.cron(), timing.intervalSeconds(), timing.timeZone(), timing.enabled(), now, null, null,
                caller.userId(), now, now).dueAt(Timing.next(timing, now)));
        record(caller, "schedule.create", created);
        return Response.status(201).entity(view(created)).build();
    }

    @PUT
    @Path("{id}")
    @RequiresPermission(Permissions.DATASOURCE_MANAGE)
    @Operation(summary = "Change when a schedule runs, or pause and resume it")
    public ScheduleView update(@PathParam("id") String id, ScheduleInput in, @Context HttpServletRequest request) {
        Caller caller = caller(request);
        Schedule old = find(caller, id);
        if (in == null) {
            throw ApiException.badRequest(null, "Send the schedule as JSON.");
        }
        Schedule saved = store.update(changed(old, in, "", settings.minIntervalSeconds()))
                .orElseThrow(() -> ApiException.notFound("No such schedule."));
        record(caller, "schedule.update", saved);
        return view(saved);
    }

    /** {@code old} with the timing of {@code in}; the next run is recomputed from now. */
    static Schedule changed(Schedule old, ScheduleInput in, String prefix, int minInterval) {
        Schedule t = timing(in, prefix, old.enabled(), minInterval);
        Instant now = now();
        Schedule s = new Schedule(old.id(), old.organizationId(), old.kind(), old.targetId(), t.cron(), t.intervalSeconds(),
                t.timeZone(), t.enabled(), now, old.lastRunAt(), old.lastOutcome(), old.createdBy(), old.createdAt(), now);
        return s.dueAt(Timing.next(s, now));
    }

    private Schedule timing(ScheduleInput in, String prefix, boolean enabledByDefault) {
        return timing(in, prefix, enabledByDefault, settings.minIntervalSeconds());
    }

    /** The checked timing of {@code in} as a schedule with no identity; field names start with {@code prefix}. */
    public static Schedule timing(ScheduleInput in, String prefix, boolean enabledByDefault, int minInterval) {
        boolean hasCron = in.cron() != null && !in.cron().isBlank();
        if (hasCron == (in.intervalSeconds() != null)) {
            throw ApiException.badRequest(prefix + "cron", "Give either cron or intervalSeconds.");
        }
        String zone = Timing.zone(in.timeZone(), prefix + "timeZone");
        String cron = hasCron ? Timing.cron(in.cron(), prefix + "cron") : null;
        Integer interval = hasCron ? null : Timing.interval(in.intervalSeconds(), minInterval, prefix + "intervalSeconds");
        boolean enabled = in.enabled() == null ? enabledByDefault : in.enabled();
        Instant now = now();
        return new Schedule("-", "-", JobKind.ALERT, "-", cron, interval, zone, enabled, now, null, null, "-", now, now);
    }

    @DELETE
    @Path("{id}")
    @RequiresPermission(Permissions.DATASOURCE_MANAGE)
    @Operation(summary = "Remove a schedule and its run records (an alert's goes with the alert)")
    public Response delete(@PathParam("id") String id, @Context HttpServletRequest request) {
        Caller caller = caller(request);
        Schedule s = find(caller, id);
        if (s.kind() == JobKind.ALERT) {
            throw new ApiException(409, "alert_schedule", "Pause the alert's schedule or delete the alert instead.", null);
        }
        store.delete(caller.organizationId(), id);
        record(caller, "schedule.delete", s);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/run")
    @RequiresPermission(Permissions.DATASOURCE_MANAGE)
    @Operation(summary = "Run a schedule's job now (within the poll period), then go on as scheduled")
    public Response runNow(@PathParam("id") String id, @Context HttpServletRequest request) {
        Caller caller = caller(request);
        Schedule s = find(caller, id);
        if (!s.enabled()) {
            throw new ApiException(409, "schedule_paused", "The schedule is paused: resume it first.", "enabled");
        }
        Instant now = now();
        Schedule due = store.update(new Schedule(s.id(), s.organizationId(), s.kind(), s.targetId(), s.cron(),
                s.intervalSeconds(), s.timeZone(), true, now, s.lastRunAt(), s.lastOutcome(), s.createdBy(), s.createdAt(),
                s.updatedAt())).orElseThrow(() -> ApiException.notFound("No such schedule."));
        record(caller, "schedule.run", due);
        return Response.status(202).entity(view(due)).build();
    }

    @GET
    @Path("{id}/runs")
    @RequiresPermission(Permissions.DATASOURCE_MANAGE)
    @Operation(summary = "A schedule's runs, newest first")
    public List<RunView> runs(@PathParam("id") String id, @QueryParam("limit") Integer limit,
            @Context HttpServletRequest request) {
        Caller caller = caller(request);
        find(caller, id);
        return runViews(caller.organizationId(), id, limit);
    }

    @GET
    @Path("runs")
    @RequiresPermission(Permissions.DATASOURCE_MANAGE)
    @Operation(summary = "The organization's recent runs of every schedule, newest first")
    public List<RunView> allRuns(@QueryParam("limit") Integer limit, @Context HttpServletRequest request) {
        return runViews(caller(request).organizationId(), null, limit);
    }

    List<RunView> runViews(String organizationId, String scheduleId, Integer limit) {
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > MAX_RUNS) {
            throw ApiException.badRequest("limit", "From 1 to " + MAX_RUNS + ".");
        }
        Map<String, String> names = new java.util.HashMap<>();
        return store.runs(organizationId, scheduleId, n).stream().map(r -> new RunView(r.id(), r.scheduleId(), r.kind(),
                r.targetId(), names.computeIfAbsent(r.kind() + "/" + r.targetId(),
                        k -> targetName(organizationId, r.kind(), r.targetId()).orElse("(deleted)")),
                r.dueAt(), r.startedAt(), r.endedAt(), r.endedAt().toEpochMilli() - r.startedAt().toEpochMilli(), r.outcome(),
                r.message(), r.node())).toList();
    }

    ScheduleView view(Schedule s) {
        return new ScheduleView(s.id(), s.kind(), s.targetId(),
                targetName(s.organizationId(), s.kind(), s.targetId()).orElse("(deleted)"), s.cron(), s.intervalSeconds(),
                s.timeZone(), Timing.describe(s), s.enabled(), s.nextRunAt(), s.lastRunAt(), s.lastOutcome(), s.createdAt(),
                s.updatedAt());
    }

    private Optional<String> targetName(String organizationId, JobKind kind, String targetId) {
        JobHandler handler = handlers.get(kind);
        if (handler == null) {
            return Optional.of("(module not installed)");
        }
        return handler.targetName(organizationId, targetId);
    }

    private Schedule find(Caller caller, String id) {
        return store.find(caller.organizationId(), id).orElseThrow(() -> ApiException.notFound("No such schedule."));
    }

    private void record(Caller caller, String action, Schedule s) {
        AuditLog log = audit;
        if (log != null) {
            log.record(AuditEvent.by(caller, action, TYPE, s.id(), "kind=" + s.kind() + " target=" + s.targetId()
                    + " timing=" + Timing.describe(s) + " enabled=" + s.enabled()));
        }
    }

    static JobKind kind(String kind) {
        try {
            return JobKind.valueOf(kind == null ? "" : kind.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("kind", "One of SCHEMA_REFRESH, DASHBOARD_REFRESH, FILTER_REFRESH, ALERT.");
        }
    }

    private static String targetWord(JobKind kind) {
        return switch (kind) {
            case SCHEMA_REFRESH -> "data source";
            case DASHBOARD_REFRESH -> "dashboard";
            case FILTER_REFRESH -> "saved filter";
            case ALERT -> "alert";
        };
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** When a new schedule first runs. */
    public static Instant firstRun(Schedule timing) {
        return Timing.next(timing, now());
    }

    public static String describe(Schedule s) {
        return Timing.describe(s);
    }

    public static Caller caller(HttpServletRequest request) {
        return (Caller) request.getAttribute(Caller.PROPERTY);
    }
}
