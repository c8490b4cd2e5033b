package io.sightline.api.cache;

import java.time.Instant;
import java.util.List;

/**
 * A query result as kept in memory.
 *
 * @param columns column names in result order
 * @param rows row values, each row in column order
 * @param computedAt when the database produced the result
 */
public record CachedResult(List<String> columns, List<List<Object>> rows, Instant computedAt) {
    public CachedResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
