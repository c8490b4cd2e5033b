package io.sightline.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ReadCacheTest {

    @Test
    void reusesAnAnswerUntilAWriteThroughTheStore() {
        ReadCache<String, String> cache = new ReadCache<>();
        AtomicInteger loads = new AtomicInteger();
        String[] row = {"member"};
        assertEquals("member", cache.get("k", () -> { loads.incrementAndGet(); return row[0]; }));
        assertEquals("member", cache.get("k", () -> { loads.incrementAndGet(); return row[0]; }));
        assertEquals(1, loads.get());

        cache.changing(() -> row[0] = "admin");
        assertEquals("admin", cache.get("k", () -> { loads.incrementAndGet(); return row[0]; }));
        assertEquals(2, loads.get());
    }

    @Test
    void aLoadOverlappingAWriteIsNotKept() {
        ReadCache<String, String> cache = new ReadCache<>();
        // The write commits while the load is in flight: the loaded (older) answer must not stay.
        assertEquals("old", cache.get("k", () -> { cache.clear(); return "old"; }));
        assertEquals("new", cache.get("k", () -> "new"));
    }

    @Test
    void answersExpire() throws InterruptedException {
        ReadCache<String, Integer> cache = new ReadCache<>(Duration.ofMillis(30));
        AtomicInteger loads = new AtomicInteger();
        cache.get("k", loads::incrementAndGet);
        Thread.sleep(60); // the time to live itself is what is tested
        assertEquals(2, cache.get("k", loads::incrementAndGet));
    }
}
