package io.sightline.api.cache;

import java.util.List;

/**
 * Identity of a result: data source, the final SQL sent and the bound parameter values (C-1).
 *
 * @param dataSourceId data source the SQL ran on
 * @param sql SQL after snippet expansion, with {@code ?} placeholders
 * @param parameters bound values in placeholder order
 */
public record CacheKey(String dataSourceId, String sql, List<Object> parameters) {
    public CacheKey {
        parameters = List.copyOf(parameters);
    }
}
