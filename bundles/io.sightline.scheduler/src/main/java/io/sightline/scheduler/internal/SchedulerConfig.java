package io.sightline.scheduler.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/io.sightline.scheduler.cfg}. */
@ObjectClassDefinition(name = "Sightline scheduler", description = "Scheduled work (SPEC S-1, S-2)")
public @interface SchedulerConfig {
    String PID = "io.sightline.scheduler";

    @AttributeDefinition(name = "Poll period (ms)", description = "How often each job route looks for due schedules.")
    long poll_millis() default 1000;

    @AttributeDefinition(name = "Threads", description = "Jobs that run at once on this node, all kinds together.")
    int threads() default 4;

    @AttributeDefinition(name = "Jobs per data source", description = "Jobs that query one data source at once; a slow data source never holds up the others.")
    int per_datasource_concurrency() default 2;

    @AttributeDefinition(name = "Job timeout (s)", description = "A job still running after this is interrupted and recorded as TIMED_OUT.")
    int job_timeout_seconds() default 300;

    @AttributeDefinition(name = "Shortest interval (s)", description = "The smallest intervalSeconds a schedule may have.")
    int min_interval_seconds() default 60;

    @AttributeDefinition(name = "Run record retention (days)", description = "Recorded runs older than this are deleted by the clean-up route.")
    int run_retention_days() default 30;

    @AttributeDefinition(name = "Clean-up period (minutes)", description = "How often the clean-up route runs (expired tokens, old query history and run records).")
    int cleanup_period_minutes() default 60;

    @AttributeDefinition(name = "Public URL", description = "The address people open Sightline at, for links in alert emails and webhooks (as public.url in io.sightline.auth.cfg).")
    String public_url() default "https://localhost:8443";

    @AttributeDefinition(name = "Node name", description = "Recorded with each run; empty for the host name.")
    String node_name() default "";
}
