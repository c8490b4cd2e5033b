package io.sightline.query.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sightline.api.query.QueryHistoryEntry;
import io.sightline.api.query.QueryHistoryStore;

/** History retention as the scheduler's clean-up route calls it; the JPA store's delete is tested in the store bundle. */
class QueryHistoryCleanupTest {
    private final List<Instant> asked = new ArrayList<>();

    @Test
    void deletesWhatIsOlderThanTheRetentionAndSaysHowMany() {
        QueryHistoryCleanup cleanup = new QueryHistoryCleanup(history(7), QueryEngineTest.config(10_000));
        Instant now = Instant.parse("2026-11-23T03:00:00Z");
        assertEquals("query history", cleanup.name());
        assertEquals(7, cleanup.clean(now));
        assertEquals(List.of(now.minus(Duration.ofDays(90))), asked, "history.retention.days of the query engine's config");
        
    }

    private QueryHistoryStore history(int deleted) {
        return new QueryHistoryStore() {
            @Override
            public QueryHistoryEntry add(QueryHistoryEntry entry) {
                return entry;
            }

            @Override
            public void addAll(List<QueryHistoryEntry> entries) {}

            @Override
            public List<QueryHistoryEntry> list(String organizationId, String userId, String search, String dataSourceId,
                    Instant before, int limit) {
                return List.of();
            }

            @Override
            public int deleteOlderThan(Instant before) {
                asked.add(before);
                return deleted;
            }
        };
    }
}
