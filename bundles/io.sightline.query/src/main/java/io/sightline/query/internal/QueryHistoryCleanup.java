package io.sightline.query.internal;

import java.time.Duration;
import java.time.Instant;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.sightline.api.query.QueryHistoryStore;
import io.sightline.api.schedule.CleanupTask;

/**
 * Query history retention: entries older than {@code history.retention.days} go when the
 * scheduler's clean-up route calls. Shares the query engine's configuration (its PID, designated
 * there).
 */
@Component(service = CleanupTask.class, configurationPid = QueryEngine.PID)
public class QueryHistoryCleanup implements CleanupTask {
    private final QueryHistoryStore history;
    private final Duration retention;

    @Activate
    public QueryHistoryCleanup(@Reference QueryHistoryStore history, QueryConfig config) {
        this.history = history;
        this.retention = Duration.ofDays(Math.max(1, config.history_retention_days()));
    }

    @Override
    public String name() {
        return "query history";
    }

    @Override
    public int clean(Instant now) {
        return history.deleteOlderThan(now.minus(retention));
    }
}
