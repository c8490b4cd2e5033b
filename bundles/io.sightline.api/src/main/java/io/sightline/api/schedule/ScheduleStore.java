package io.sightline.api.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Persistence of {@link Schedule}s and {@link ScheduleRun}s. Organization-scoped except for the
 * scheduler's own calls ({@link #due}, {@link #claim}), which cross organizations by design.
 */
@ProviderType
public interface ScheduleStore {

    /** @throws IllegalStateException when the target already has a schedule of that kind */
    Schedule create(Schedule schedule);

    Optional<Schedule> update(Schedule schedule);

    Optional<Schedule> find(String organizationId, String id);

    Optional<Schedule> findFor(String organizationId, JobKind kind, String targetId);

    /** The organization's schedules, by kind. */
    List<Schedule> list(String organizationId);

    /** Removes a schedule and its runs. */
    boolean delete(String organizationId, String id);

    /** Removes the schedule of a target, if any (the target is being deleted). */
    void deleteFor(String organizationId, JobKind kind, String targetId);

    /**
     * Sets a target's schedule to run every {@code intervalSeconds} from now, creating it when
     * missing; 0 removes it. What the content and data source modules call when an object's own
     * refresh setting changes.
     */
    void setInterval(String organizationId, JobKind kind, String targetId, int intervalSeconds, String userId);

    /** Enabled schedules of {@code kind} due at or before {@code now}, any organization, oldest first. */
    List<Schedule> due(JobKind kind, Instant now, int max);

    /**
     * Takes a due run: moves {@code schedule}'s next run to {@code next} only if it is still due at
     * {@code schedule.nextRunAt()}. True for exactly one caller per due time, across the cluster.
     */
    boolean claim(Schedule schedule, Instant next, Instant now);

    /** Records a run that ended, and it as the schedule's last outcome. */
    void record(ScheduleRun run);

    /** Runs newest first: of one schedule, or of the organization when {@code scheduleId} is null. */
    List<ScheduleRun> runs(String organizationId, String scheduleId, int limit);

    /** Deletes runs that ended before {@code before}, in every organization; answers how many. */
    int deleteRunsBefore(Instant before);
}
