package io.sightline.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.sightline.api.audit.AuditEntry;
import io.sightline.api.audit.AuditEvent;
import io.sightline.api.audit.AuditStore;

/** Queueing, batching, chaining, retry and flush of the audit log, and verification of its chains. */
class AsyncAuditLogTest {
    private final InMemoryAuditStore store = new InMemoryAuditStore();
    private AsyncAuditLog log;

    private static AuditConfig config(int capacity, int batch) {
        return new AuditConfig() {
            public Class<? extends Annotation> annotationType() { return AuditConfig.class; }
            public int queue_capacity() { return capacity; }
            public int batch_size() { return batch; }
            public int flush_timeout_seconds() { return 5; }
            public int unhealthy_after_seconds() { return 60; }
        };
    }

    private AsyncAuditLog start(int capacity, int batch) {
        log = new AsyncAuditLog(store, id -> java.util.Optional.of("ann@example.com"), config(capacity, batch));
        return log;
    }

    @AfterEach
    void stop() throws Exception {
        if (log != null) {
            log.deactivate();
        }
    }

    private static AuditEvent event(String org, String action) {
        return AuditEvent.now(org, "u1", null, "10.0.0.1", action, "report", "r1", "title");
    }

    @Test
    void entriesAreChainedPerOrganizationWithTheActorsEmail() throws Exception {
        start(10_000, 500);
        for (int i = 0; i < 50; i++) {
            log.record(event(i % 2 == 0 ? "org-a" : "org-b", "report.update"));
        }
        log.record(event(null, "auth.login_failed"));
        assertTrue(log.awaitWritten(Duration.ofSeconds(10)));
        assertEquals(List.of("org-a", "org-b", AuditStore.PLATFORM_CHAIN).stream().sorted().toList(), store.chains());
        AuditEntry first = store.chains.get("org-a").get(0);
        assertEquals(1, first.sequence());
        assertEquals(ChainHash.GENESIS, first.previousHash());
        assertEquals("ann@example.com", first.event().actorEmail(), "filled in from the account store");
        assertEquals(first.hash(), store.chains.get("org-a").get(1).previousHash());
        for (String chain : store.chains()) {
            assertTrue(AuditVerifier.verify(store, chain).intact(), chain);
        }
        assertEquals(25, AuditVerifier.verify(store, "org-a").entries());
        AsyncAuditLog.Stats stats = log.stats();
        assertEquals(51, stats.written());
        assertEquals(0, stats.dropped());
    }

    @Test
    void concurrentRecordersAreBatchedAndNothingIsLost() throws Exception {
        start(100_000, 500);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            pool.submit(() -> {
                for (int i = 0; i < 2_000; i++) {
                    log.record(event("org-a", "query.run"));
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertTrue(log.awaitWritten(Duration.ofSeconds(30)));
        assertEquals(16_000, store.chains.get("org-a").size());
        assertTrue(store.appends.get() < 16_000 / 10, "written in batches, not one by one: " + store.appends.get());
        assertTrue(AuditVerifier.verify(store, "org-a").intact());
    }

    @Test
    void aFailingStoreIsRetriedAndTheQueueIsFlushedOnStop() throws Exception {
        start(10_000, 10);
        store.failures.set(3);
        for (int i = 0; i < 25; i++) {
            log.record(event("org-a", "report.update"));
        }
        assertTrue(log.awaitWritten(Duration.ofSeconds(20)), "written once the store is back");
        assertEquals(3, log.stats().failedWrites());
        assertNull(log.stats().failingSince(), "healthy again");
        assertEquals(25, store.chains.get("org-a").size());
        assertTrue(AuditVerifier.verify(store, "org-a").intact(), "no duplicates, no gaps after retries");

        for (int i = 0; i < 100; i++) {
            log.record(event("org-b", "report.update"));
        }
        log.deactivate();
        log = null;
        assertEquals(100, store.chains.get("org-b").size(), "stopping writes out the queue first");
    }

    @Test
    void aFullQueueDropsCountsAndNeverBlocks() throws Exception {
        start(1000, 10);
        store.failures.set(Integer.MAX_VALUE);
        long t0 = System.nanoTime();
        for (int i = 0; i < 3000; i++) {
            log.record(event("org-a", "query.run"));
        }
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2), "record() never waits for the store");
        assertTrue(log.stats().dropped() >= 1000, "dropped: " + log.stats().dropped());
        AuditHealthCheck health = new AuditHealthCheck(log, config(1000, 10));
        assertFalse(health.check().up());
        assertTrue(health.check().message().contains("dropped"));
        store.failures.set(0);
    }

    @Test
    void verificationFindsChangedRemovedAndReorderedEntries() throws Exception {
        start(10_000, 500);
        for (int i = 0; i < 10; i++) {
            log.record(event("org-a", "report.update"));
        }
        assertTrue(log.awaitWritten(Duration.ofSeconds(10)));
        List<AuditEntry> original = List.copyOf(store.chains.get("org-a"));

        AuditEntry fifth = original.get(4);
        AuditEvent e = fifth.event();
        store.tamper("org-a", 4, new AuditEntry("org-a", 5, new AuditEvent(e.at(), e.organizationId(), e.actorId(),
                e.actorEmail(), "192.168.0.66", e.action(), e.objectType(), e.objectId(), e.details()), fifth.previousHash(), fifth.hash()));
        AuditVerifier.Verification changed = AuditVerifier.verify(store, "org-a");
        assertEquals(5L, changed.brokenAt());
        assertTrue(changed.problem().contains("changed"));

        // Recomputing the changed entry's hash does not help: the next entry no longer links to it.
        store.tamper("org-a", 4, ChainHash.link("org-a", 5, store.chains.get("org-a").get(4).event(), fifth.previousHash()));
        assertEquals(6L, AuditVerifier.verify(store, "org-a").brokenAt());

        store.tamper("org-a", 4, fifth);
        assertTrue(AuditVerifier.verify(store, "org-a").intact());
        store.chains.get("org-a").remove(6);
        AuditVerifier.Verification gap = AuditVerifier.verify(store, "org-a");
        assertEquals(7L, gap.brokenAt());
        assertTrue(gap.problem().contains("missing"));
        assertTrue(AuditVerifier.report(store, "org-a").startsWith("BROKEN"));
    }

    @Test
    void theHashCoversEveryFieldAndTellsNullFromEmpty() {
        AuditEvent base = new AuditEvent(Instant.parse("2026-11-23T10:00:00.123456Z"), "o", "u", "e", "ip", "a", "t", "i", "d");
        String hash = ChainHash.of("o", 1, base, ChainHash.GENESIS);
        assertEquals(64, hash.length());
        List<AuditEvent> variants = List.of(
                new AuditEvent(base.at().plusNanos(1000), "o", "u", "e", "ip", "a", "t", "i", "d"),
                new AuditEvent(base.at(), "o", "u2", "e", "ip", "a", "t", "i", "d"),
                new AuditEvent(base.at(), "o", "u", "e2", "ip", "a", "t", "i", "d"),
                new AuditEvent(base.at(), "o", "u", "e", "ip2", "a", "t", "i", "d"),
                new AuditEvent(base.at(), "o", "u", "e", "ip", "a2", "t", "i", "d"),
                new AuditEvent(base.at(), "o", "u", "e", "ip", "a", "t2", "i", "d"),
                new AuditEvent(base.at(), "o", "u", "e", "ip", "a", "t", "i2", "d"),
                new AuditEvent(base.at(), "o", "u", "e", "ip", "a", "t", "i", "d2"),
                new AuditEvent(base.at(), "o", "u", "e", "ip", "a", "t", "i", ""),
                new AuditEvent(base.at(), "o", "u", "e", "ip", "a", "t", "i", null));
        for (AuditEvent v : variants) {
            assertFalse(hash.equals(ChainHash.of("o", 1, v, ChainHash.GENESIS)), v.toString());
        }
        assertFalse(hash.equals(ChainHash.of("o", 2, base, ChainHash.GENESIS)));
        assertFalse(hash.equals(ChainHash.of("p", 1, base, ChainHash.GENESIS)));
        assertFalse(hash.equals(ChainHash.of("o", 1, base, "1".repeat(64))));
    }
}
