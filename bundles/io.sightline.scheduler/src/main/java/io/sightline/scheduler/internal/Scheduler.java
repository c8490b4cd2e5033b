package io.sightline.scheduler.internal;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.core.osgi.OsgiDefaultCamelContext;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sightline.api.schedule.CleanupTask;
import io.sightline.api.schedule.JobHandler;
import io.sightline.api.schedule.JobKind;
import io.sightline.api.schedule.ScheduleStore;

/**
 * The Camel context of scheduled work (S-1). Each registered {@link JobHandler} gets two routes: a
 * timer that claims its kind's due schedules, and a SEDA queue whose consumers run them, so that a
 * slow job never delays the claiming. A handler that goes away (its module stopped) takes its
 * routes with it; one that comes back gets them again and resumes its schedules, which are data.
 * A clean-up route calls every {@link CleanupTask}.
 */
@Component(immediate = true, configurationPid = SchedulerConfig.PID, service = Scheduler.class)
@Designate(ocd = SchedulerConfig.class)
public class Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    /** Due schedules one poll of one kind takes at most. */
    private static final int CLAIM_BATCH = 100;

    private final CamelContext camel;
    private final ExecutorService jobs;
    private final JobRunner runner;
    private final SchedulerConfig config;
    private final ScheduleStore store;
    private final List<CleanupTask> cleanups = new CopyOnWriteArrayList<>();

    @Activate
    public Scheduler(BundleContext context, SchedulerConfig config, @Reference ScheduleStore store) throws Exception {
        this.config = config;
        this.store = store;
        AtomicInteger count = new AtomicInteger();
        this.jobs = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sightline-job-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.runner = new JobRunner(store, jobs, Duration.ofSeconds(Math.max(1, config.job_timeout_seconds())),
                Math.max(1, config.per_datasource_concurrency()), node(config), Instant::now);
        OsgiDefaultCamelContext osgi = new OsgiDefaultCamelContext(context);
        osgi.setName("sightline-scheduler");
        this.camel = osgi;
        // Routes added before start never run (STACK.md): start first, then add them.
        camel.start();
        camel.addRoutes(cleanupRoute());
        LOG.info("Scheduler started on node {}", node(config));
    }

    @Deactivate
    void deactivate() {
        camel.stop(); // lets running jobs finish their current step, drains nothing new
        jobs.shutdownNow();
        try {
            jobs.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addHandler(JobHandler handler) throws Exception {
        String id = routeId(handler.kind());
        if (camel.getRoute(id + "-poll") != null) {
            LOG.warn("A second {} job handler was ignored", handler.kind());
            return;
        }
        int consumers = Math.max(1, config.threads());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:" + id + "?period=" + config.poll_millis() + "&delay=" + config.poll_millis())
                        .routeId(id + "-poll")
                        .process(e -> e.getMessage().setBody(runner.claimDue(handler, CLAIM_BATCH)))
                        .split(body())
                        .to("seda:" + id + "?waitForTaskToComplete=Never");
                from("seda:" + id + "?concurrentConsumers=" + consumers)
                        .routeId(id)
                        .process(e -> runner.run(handler, e.getMessage().getBody(JobRunner.Claimed.class)));
            }
        });
        LOG.info("Scheduled {} jobs: routes {} started", handler.kind(), id);
    }

    synchronized void removeHandler(JobHandler handler) throws Exception {
        String id = routeId(handler.kind());
        for (String route : List.of(id + "-poll", id)) {
            if (camel.getRoute(route) != null) {
                camel.getRouteController().stopRoute(route, 30, TimeUnit.SECONDS);
                camel.removeRoute(route);
            }
        }
        LOG.info("Scheduled {} jobs stopped: their module went away", handler.kind());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addCleanup(CleanupTask task) {
        cleanups.add(task);
    }

    void removeCleanup(CleanupTask task) {
        cleanups.remove(task);
    }

    /** Whether a route of {@code kind} is running: a module with jobs of that kind is present. */
    boolean running(JobKind kind) {
        return camel.getRoute(routeId(kind)) != null;
    }

    /** Run records past their retention go with the rest of the clean-up. */
    private RouteBuilder cleanupRoute() {
        long period = Duration.ofMinutes(Math.max(1, config.cleanup_period_minutes())).toMillis();
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:schedule-cleanup?period=" + period + "&delay=60000")
                        .routeId("schedule-cleanup")
                        .process(e -> cleanUp());
            }
        };
    }

    void cleanUp() {
        Instant now = Instant.now();
        clean("schedule run records", () -> store.deleteRunsBefore(now.minus(Duration.ofDays(config.run_retention_days()))));
        for (CleanupTask task : cleanups) {
            clean(task.name(), () -> task.clean(now));
        }
    }

    private static void clean(String what, java.util.function.IntSupplier task) {
        try {
            int deleted = task.getAsInt();
            if (deleted > 0) {
                LOG.info("Clean-up: deleted {} {}", deleted, what);
            }
        } catch (RuntimeException e) {
            LOG.warn("Clean-up of {} failed: {}", what, e.getClass().getSimpleName());
        }
    }

    static String routeId(JobKind kind) {
        return "schedule-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String node(SchedulerConfig config) {
        if (!config.node_name().isBlank()) {
            return config.node_name();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "node";
        }
    }
}
