package io.sightline.scheduler.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sightline.api.schedule.JobHandler;
import io.sightline.api.schedule.JobResult;
import io.sightline.api.schedule.RunOutcome;
import io.sightline.api.schedule.Schedule;
import io.sightline.api.schedule.ScheduleRun;
import io.sightline.api.schedule.ScheduleStore;

/**
 * Claims due schedules and runs their jobs: at most {@code perDataSource} jobs query one data
 * source at once, each job is interrupted after the timeout, and every run is recorded. Claims go
 * through {@link ScheduleStore#claim}, so a due run is taken by one node only.
 */
final class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    /** When a job's data source has no free slot, it is due again after this. */
    static final Duration BUSY_RETRY = Duration.ofSeconds(5);

    /** A run this node has taken: the schedule as it was due, and its next due time. */
    record Claimed(Schedule schedule, Instant next) {}

    private final ScheduleStore store;
    private final ExecutorService jobs;
    private final Duration timeout;
    private final int perDataSource;
    private final String node;
    private final Supplier<Instant> clock;
    private final Map<String, Semaphore> slots = new ConcurrentHashMap<>();

    JobRunner(ScheduleStore store, ExecutorService jobs, Duration timeout, int perDataSource, String node,
            Supplier<Instant> clock) {
        this.store = store;
        this.jobs = jobs;
        this.timeout = timeout;
        this.perDataSource = perDataSource;
        this.node = node;
        this.clock = clock;
    }

    /** Takes the due schedules of the handler's kind that no other node took first. */
    List<Claimed> claimDue(JobHandler handler, int max) {
        Instant now = now();
        List<Claimed> claimed = new ArrayList<>();
        for (Schedule s : store.due(handler.kind(), now, max)) {
            // Missed runs (server down) are made up by one run, then the schedule goes on from now.
            Instant next = Timing.next(s, now);
            if (store.claim(s, next, now)) {
                claimed.add(new Claimed(s, next));
            }
        }
        return claimed;
    }

    /** Runs one claimed job and records how it ended. */
    void run(JobHandler handler, Claimed claimed) {
        Schedule s = claimed.schedule();
        Optional<String> dataSource;
        try {
            dataSource = handler.dataSourceOf(s.organizationId(), s.targetId());
        } catch (RuntimeException e) {
            dataSource = Optional.empty();
        }
        Semaphore slot = dataSource.map(id -> slots.computeIfAbsent(id, k -> new Semaphore(perDataSource))).orElse(null);
        if (slot != null && !slot.tryAcquire()) {
            // Not a run: due again shortly, unless someone changed the schedule meanwhile.
            store.claim(s.dueAt(claimed.next()), now().plus(BUSY_RETRY), now());
            LOG.debug("Schedule {} waits: its data source is busy", s.id());
            return;
        }
        Instant started = now();
        JobResult result;
        try {
            result = runWithTimeout(handler, s);
        } finally {
            if (slot != null) {
                slot.release();
            }
        }
        Instant ended = now();
        try {
            store.record(new ScheduleRun(UUID.randomUUID().toString(), s.organizationId(), s.id(), s.kind(), s.targetId(),
                    s.nextRunAt(), started, ended, result.outcome(), result.message(), node));
        } catch (RuntimeException e) {
            LOG.warn("Could not record the run of schedule {}: {}", s.id(), e.getClass().getSimpleName());
        }
    }

    private JobResult runWithTimeout(JobHandler handler, Schedule s) {
        Future<JobResult> job = jobs.submit(() -> handler.run(s));
        try {
            JobResult result = job.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return result == null ? JobResult.ok(null) : result;
        } catch (TimeoutException e) {
            job.cancel(true);
            return new JobResult(RunOutcome.TIMED_OUT, "Stopped after " + Timing.duration((int) timeout.toSeconds()) + ".");
        } catch (InterruptedException e) {
            job.cancel(true);
            Thread.currentThread().interrupt();
            return new JobResult(RunOutcome.FAILED, "Stopped: the scheduler is shutting down.");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            LOG.warn("{} job of schedule {} failed: {}", s.kind(), s.id(), cause.getClass().getSimpleName());
            String message = cause.getMessage();
            return new JobResult(RunOutcome.FAILED, message == null || message.isBlank()
                    ? "Failed (" + cause.getClass().getSimpleName() + ")." : message);
        }
    }

    private Instant now() {
        return clock.get().truncatedTo(ChronoUnit.MILLIS);
    }
}
