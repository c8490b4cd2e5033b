package io.sightline.query.internal;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sightline.api.query.RunningQuery;

/** The queries running now, so that their owner can cancel them. Thread-safe. */
final class RunningQueries {
    private static final Logger LOG = LoggerFactory.getLogger(RunningQueries.class);
    private static final int RETRIES = 20;
    private static final long RETRY_MILLIS = 200;

    /** One run: its statement appears once it is prepared. */
    static final class Run {
        final RunningQuery info;
        final String organizationId;
        private Statement statement;
        private volatile boolean cancelled;
        private volatile boolean finished;

        Run(RunningQuery info, String organizationId) {
            this.info = info;
            this.organizationId = organizationId;
        }

        /** Called before the statement runs; a run cancelled before this point never starts. */
        synchronized void attach(Statement s) throws SQLException {
            if (cancelled) {
                throw new SQLException("cancelled before it started", "57014");
            }
            statement = s;
        }

        /** Asks the database to stop the statement (JDBC cancel); marks the run cancelled. */
        void cancel() {
            Statement s;
            synchronized (this) {
                cancelled = true;
                s = statement;
            }
            if (s != null && !finished) {
                try {
                    s.cancel();
                } catch (SQLException | RuntimeException e) {
                    LOG.warn("Could not cancel query {}: {}", info.id(), e.toString());
                }
            }
        }

        boolean cancelled() {
            return cancelled;
        }
    }

    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers;

    /** @param timers where cancel requests are repeated */
    RunningQueries(ScheduledExecutorService timers) {
        this.timers = timers;
    }

    /** Registers a run; null when a run with this id is already going. */
    Run start(String id, String organizationId, String userId, String dataSourceId) {
        Run run = new Run(new RunningQuery(id, dataSourceId, userId, Instant.now()), organizationId);
        return runs.putIfAbsent(key(organizationId, id), run) == null ? run : null;
    }

    void finish(Run run) {
        run.finished = true;
        runs.remove(key(run.organizationId, run.info.id()), run);
    }

    /** Cancels the run if it belongs to this user; false when there is none. */
    boolean cancel(String organizationId, String userId, String id) {
        Run run = runs.get(key(organizationId, id));
        if (run == null || !run.info.userId().equals(userId)) {
            return false;
        }
        cancelUntilFinished(run, 0);
        return true;
    }

    /**
     * A cancel that reaches the database between prepare and execute finds nothing to stop (JDBC
     * cancel is a no-op then): repeat it briefly until the run has ended.
     */
    void cancelUntilFinished(Run run, int attempt) {
        run.cancel();
        if (!run.finished && attempt < RETRIES) {
            try {
                timers.schedule(() -> cancelUntilFinished(run, attempt + 1), RETRY_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // shutting down: deactivate cancels every run
            }
        }
    }

    List<RunningQuery> of(String organizationId, String userId) {
        return runs.values().stream()
                .filter(r -> r.organizationId.equals(organizationId) && r.info.userId().equals(userId))
                .map(r -> r.info).toList();
    }

    long countOf(String organizationId, String userId) {
        return runs.values().stream()
                .filter(r -> r.organizationId.equals(organizationId) && r.info.userId().equals(userId)).count();
    }

    void cancelAll() {
        runs.values().forEach(Run::cancel);
    }

    private static String key(String organizationId, String id) {
        return organizationId + "/" + id;
    }
}
