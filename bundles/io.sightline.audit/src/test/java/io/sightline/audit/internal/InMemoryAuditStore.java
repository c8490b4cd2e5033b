package io.sightline.audit.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.sightline.api.audit.AuditEntry;
import io.sightline.api.audit.AuditPage;
import io.sightline.api.audit.AuditQuery;
import io.sightline.api.audit.AuditStore;

/** The {@link AuditStore} contract in memory (the JPA store has its own tests on Derby); can be made to fail. */
class InMemoryAuditStore implements AuditStore {
    final Map<String, List<AuditEntry>> chains = new TreeMap<>();
    /** Appends that fail before the store works again. */
    final AtomicInteger failures = new AtomicInteger();
    final AtomicInteger appends = new AtomicInteger();

    @Override
    public synchronized Optional<AuditEntry> last(String chain) {
        List<AuditEntry> entries = chains.getOrDefault(chain, List.of());
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1));
    }

    @Override
    public synchronized boolean append(String chain, List<AuditEntry> entries) {
        if (failures.get() > 0) {
            failures.decrementAndGet();
            throw new IllegalStateException("store unavailable");
        }
        List<AuditEntry> existing = chains.computeIfAbsent(chain, c -> new ArrayList<>());
        if (entries.get(0).sequence() != existing.size() + 1) {
            return false;
        }
        existing.addAll(entries);
        appends.incrementAndGet();
        return true;
    }

    /** Replaces a stored entry, as someone with database access could. */
    synchronized void tamper(String chain, int index, AuditEntry replacement) {
        chains.get(chain).set(index, replacement);
    }

    @Override
    public synchronized AuditPage find(String chain, AuditQuery query) {
        List<AuditEntry> all = new ArrayList<>(chains.getOrDefault(chain, List.of()));
        all.sort(Comparator.comparingLong(AuditEntry::sequence).reversed());
        return new AuditPage(all.stream().skip(query.offset()).limit(query.limit()).toList(), all.size());
    }

    @Override
    public synchronized List<AuditEntry> range(String chain, long afterSequence, int limit) {
        return chains.getOrDefault(chain, List.of()).stream().filter(e -> e.sequence() > afterSequence).limit(limit).toList();
    }

    @Override
    public synchronized List<String> chains() {
        return new ArrayList<>(chains.keySet());
    }
}
