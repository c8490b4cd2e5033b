package io.sightline.api.query;

import java.time.Instant;
import java.util.List;

/**
 * The answer to a {@link QueryRequest} (SPEC, C-1). Immutable.
 *
 * @param id the run's id
 * @param dataSourceId the data source it ran on
 * @param sql the exact SQL sent and the values bound
 * @param columns the columns, in order
 * @param rows the rows, each in column order; values are of the Java types of {@link QueryColumn.Kind}
 * @param limitReached whether there were more rows than {@code maxRows}
 * @param maxRows the row limit that applied
 * @param durationMillis how long the database took (of the original run, for a cached result)
 * @param computedAt when the database produced the result
 * @param fromCache whether the result came from the cache
 */
public record QueryResult(String id, String dataSourceId, BoundSql sql, List<QueryColumn> columns,
        List<List<Object>> rows, boolean limitReached, int maxRows, long durationMillis, Instant computedAt,
        boolean fromCache) {
    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** The same result, marked as answered from the cache under a new run id. */
    public QueryResult cached(String runId) {
        return new QueryResult(runId, dataSourceId, sql, columns, rows, limitReached, maxRows, durationMillis,
                computedAt, true);
    }
}
