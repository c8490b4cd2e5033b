/**
 * Scheduled work (SPEC S-1, S-2): schedules are data — one per job target, with a cron expression
 * or an interval — kept by the store module and run by the scheduler module's Camel routes. Each
 * kind of job is done by a {@link JobHandler} that the module owning the target registers (schema
 * refresh by data sources, pre-warming and filter refresh by reports, alerts by the scheduler).
 * {@link ScheduleStore#claim} lets exactly one node of a cluster run each due job.
 */
@Version("1.0.0")
package io.sightline.api.schedule;

import org.osgi.annotation.versioning.Version;
