package io.sightline.query.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sightline.api.query.QueryHistoryEntry;
import io.sightline.api.query.QueryHistoryStore;

/**
 * Writes query history in batches from one thread, so a run (above all one answered from the
 * cache in a millisecond) never waits for a write to the platform database. The queue is bounded:
 * when the database cannot keep up, entries are dropped and counted rather than slowing queries.
 * What is queued is written before the module stops.
 */
final class HistoryWriter {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);
    static final int CAPACITY = 10_000;
    private static final int BATCH = 500;

    private final QueryHistoryStore store;
    private final BlockingQueue<QueryHistoryEntry> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopping;

    HistoryWriter(QueryHistoryStore store) {
        this.store = store;
        thread = new Thread(this::loop, "sightline-query-history");
        thread.setDaemon(true);
        thread.start();
    }

    void add(QueryHistoryEntry entry) {
        if (!queue.offer(entry) && dropped.incrementAndGet() % 1000 == 1) {
            LOG.warn("Query history is behind: {} entries dropped so far", dropped.get());
        }
    }

    private void loop() {
        List<QueryHistoryEntry> batch = new ArrayList<>(BATCH);
        while (!stopping || !queue.isEmpty()) {
            try {
                QueryHistoryEntry first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                store.addAll(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Could not write {} query history entries: {}", batch.size(), e.toString());
            } finally {
                batch.clear();
            }
        }
    }

    /** Writes what is queued (for at most {@code millis}) and stops. */
    void stop(long millis) {
        stopping = true;
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
            LOG.warn("Query history: {} entries not written at shutdown", queue.size());
        }
    }
}
