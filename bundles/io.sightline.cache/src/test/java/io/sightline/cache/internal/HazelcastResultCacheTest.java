package io.sightline.cache.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.hazelcast.core.EntryView;
import com.hazelcast.core.Hazelcast;

import io.sightline.api.cache.CacheStats;
import io.sightline.api.cache.CachedEntry;

/** One real standalone Hazelcast member for the whole class; each test uses its own keys. */
class HazelcastResultCacheTest {
    private static HazelcastResultCache cache;

    @BeforeAll
    static void start() {
        cache = new HazelcastResultCache(TestConfig.defaults());
    }

    @AfterAll
    static void stop() {
        cache.deactivate();
        assertTrue(Hazelcast.getAllHazelcastInstances().isEmpty());
    }

    @Test
    void putThenGetReturnsTheBytesAndWhenTheyWereStored() {
        Instant before = Instant.now();
        cache.put("org1/ds1/roundtrip", bytes("42 rows"), Duration.ofMinutes(5));

        CachedEntry entry = cache.get("org1/ds1/roundtrip").orElseThrow();
        assertArrayEquals(bytes("42 rows"), entry.value());
        assertFalse(entry.storedAt().isBefore(before.minusMillis(1)));
        assertEquals(Duration.ofMinutes(5), Duration.between(entry.storedAt(), entry.expiresAt()));

        // every get hands out its own array
        entry.value()[0] = 'X';
        CachedEntry again = cache.get("org1/ds1/roundtrip").orElseThrow();
        assertNotSame(entry.value(), again.value());
        assertArrayEquals(bytes("42 rows"), again.value());

        cache.put("org1/ds1/roundtrip", bytes("43 rows"), Duration.ofMinutes(5));
        assertArrayEquals(bytes("43 rows"), cache.get("org1/ds1/roundtrip").orElseThrow().value());
        assertTrue(cache.get("org1/ds1/never-put").isEmpty());
    }

    @Test
    void anEntryExpiresAfterItsTtl() {
        cache.put("org1/ds1/short", bytes("soon gone"), Duration.ofSeconds(1));
        assertTrue(cache.get("org1/ds1/short").isPresent());

        awaitTrue(() -> cache.get("org1/ds1/short").isEmpty(), Duration.ofSeconds(10));
        awaitTrue(() -> !cache.map().containsKey("org1/ds1/short"), Duration.ofSeconds(10));
    }

    @Test
    void aTtlAboveTheMaximumIsShortenedTo24Hours() {
        cache.put("org1/ds1/week", bytes("v"), Duration.ofDays(7));

        CachedEntry entry = cache.get("org1/ds1/week").orElseThrow();
        assertEquals(Duration.ofHours(24), Duration.between(entry.storedAt(), entry.expiresAt()));
        EntryView<String, byte[]> view = cache.map().getEntryView("org1/ds1/week");
        assertEquals(Duration.ofHours(24).toMillis(), view.getTtl());
    }

    @Test
    void aZeroOrNegativeTtlStoresNothing() {
        cache.put("org1/ds1/zero", bytes("v"), Duration.ZERO);
        cache.put("org1/ds1/negative", bytes("v"), Duration.ofSeconds(-5));

        assertFalse(cache.map().containsKey("org1/ds1/zero"));
        assertFalse(cache.map().containsKey("org1/ds1/negative"));
        assertTrue(cache.get("org1/ds1/zero").isEmpty());
    }

    @Test
    void aSubMillisecondTtlIsNotForever() {
        // Hazelcast reads a TTL of 0 ms as "never expire"
        cache.put("org1/ds1/nanos", bytes("v"), Duration.ofNanos(1));

        EntryView<String, byte[]> view = cache.map().getEntryView("org1/ds1/nanos");
        assertTrue(view == null || view.getTtl() == 1, () -> "ttl " + view.getTtl());
        awaitTrue(() -> cache.get("org1/ds1/nanos").isEmpty(), Duration.ofSeconds(10));
    }

    @Test
    void evictPrefixDropsOneDataSourceAndNothingElse() {
        for (String key : List.of("evict/dsA/1", "evict/dsA/2", "evict/dsA-copy/1", "evict/dsB/1", "other/dsA/1",
                "evict/d.s/1", "evict/dXs/1")) {
            cache.put(key, bytes(key), Duration.ofMinutes(5));
        }

        assertEquals(2, cache.evictPrefix("evict/dsA/"));
        assertTrue(cache.get("evict/dsA/1").isEmpty());
        assertTrue(cache.get("evict/dsA/2").isEmpty());
        for (String kept : List.of("evict/dsA-copy/1", "evict/dsB/1", "other/dsA/1")) {
            assertTrue(cache.get(kept).isPresent(), kept);
        }

        // the prefix is text, not a pattern
        assertEquals(1, cache.evictPrefix("evict/d.s/"));
        assertTrue(cache.get("evict/dXs/1").isPresent());

        assertEquals(3, cache.evictPrefix("evict/"));
        assertEquals(0, cache.evictPrefix("evict/"));
        assertTrue(cache.get("other/dsA/1").isPresent());
    }

    @Test
    void statsCountHitsMissesAndOwnedEntries() {
        CacheStats before = cache.stats();
        cache.put("org1/ds1/stats", new byte[10_000], Duration.ofMinutes(5));

        cache.get("org1/ds1/stats");
        cache.get("org1/ds1/stats");
        cache.get("org1/ds1/stats-missing");

        CacheStats after = cache.stats();
        assertEquals(before.hits() + 2, after.hits());
        assertEquals(before.misses() + 1, after.misses());
        assertTrue(after.entries() >= 1, after::toString);
        assertTrue(after.ownedBytes() >= 10_000, after::toString);
    }

    @Test
    void argumentsAreChecked() {
        assertThrows(NullPointerException.class, () -> cache.get(null));
        assertThrows(IllegalArgumentException.class, () -> cache.get(""));
        assertThrows(IllegalArgumentException.class, () -> cache.put("", bytes("v"), Duration.ofMinutes(1)));
        assertThrows(NullPointerException.class, () -> cache.put("k", null, Duration.ofMinutes(1)));
        assertThrows(NullPointerException.class, () -> cache.put("k", bytes("v"), null));
        assertThrows(IllegalArgumentException.class, () -> cache.evictPrefix(""));
    }

    @Test
    void healthReportsARunningStandaloneMember() {
        var health = cache.health();
        assertTrue(health.up(), health.message());
        assertEquals("member running, cluster ACTIVE with 1 member(s)", health.message());
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Polls until the condition holds; fails after {@code limit}. */
    static void awaitTrue(BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + limit);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
