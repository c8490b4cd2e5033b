package io.sightline.api.query;

import java.time.Instant;

/**
 * A query that is running now.
 *
 * @param id its id
 * @param dataSourceId where it runs
 * @param userId who started it
 * @param startedAt when it started
 */
public record RunningQuery(String id, String dataSourceId, String userId, Instant startedAt) {}
