package io.sightline.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import javax.persistence.EntityManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sightline.api.query.QueryHistoryEntry;
import io.sightline.api.query.QueryHistoryEntry.Status;
import io.sightline.api.query.Snippet;

/** Snippets and query history on real encrypted Derby, including tenant isolation. */
class QueryStoresTest {
    @TempDir
    Path dir;

    private DerbyDatabase database;
    private EntityManagerFactory emf;
    private JpaSnippetStore snippets;
    private JpaQueryHistoryStore history;
    private String orgA;
    private String orgB;

    @BeforeEach
    void open() throws Exception {
        database = new DerbyDatabase(dir.resolve("db"), dir.resolve("keys/platform-db.key"));
        Migrations.apply(database.dataSource(), getClass().getClassLoader());
        emf = PlatformStoreTest.createEmf(database.dataSource());
        JpaAccountStore accounts = new JpaAccountStore(emf);
        orgA = accounts.createOrganization("A").id();
        orgB = accounts.createOrganization("B").id();
        snippets = new JpaSnippetStore(emf);
        history = new JpaQueryHistoryStore(emf);
    }

    @AfterEach
    void close() {
        emf.close();
        database.close();
    }

    private static Snippet snippet(String org, String name, String sql) {
        return new Snippet(UUID.randomUUID().toString(), org, name, "why", sql, "u1",
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void snippetsAreNamedUniquelyPerOrganizationIgnoringCase() {
        Snippet paid = snippets.create(snippet(orgA, "Paid orders", "status = 'paid'"));
        assertEquals(paid, snippets.findByName(orgA, "paid ORDERS").orElseThrow());
        assertThrows(IllegalStateException.class, () -> snippets.create(snippet(orgA, "PAID orders", "x")));
        snippets.create(snippet(orgB, "Paid orders", "other org, same name"));
        assertTrue(snippets.find(orgB, paid.id()).isEmpty(), "not across organizations");
        assertTrue(snippets.findByName(orgB, "Paid orders").orElseThrow().sql().startsWith("other"));

        Snippet changed = new Snippet(paid.id(), orgA, "Paid", null, "status IN ('paid')", "u1", paid.updatedAt());
        assertEquals("status IN ('paid')", snippets.update(changed).orElseThrow().sql());
        assertTrue(snippets.update(new Snippet(paid.id(), orgB, "x", null, "y", "u", Instant.EPOCH)).isEmpty());
        assertEquals(List.of("Paid"), snippets.list(orgA).stream().map(Snippet::name).toList());
        assertFalse(snippets.delete(orgB, paid.id()));
        assertTrue(snippets.delete(orgA, paid.id()));
        assertTrue(snippets.list(orgA).isEmpty());
    }

    @Test
    void historyIsPerUserNewestFirstAndSearchable() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        history.add(entry(orgA, "u1", "SELECT 1", t, Status.SUCCEEDED));
        history.add(entry(orgA, "u1", "select * from orders where note LIKE '100%'", t.plusSeconds(1), Status.FAILED));
        history.add(entry(orgA, "u2", "SELECT 2", t.plusSeconds(2), Status.SUCCEEDED));
        history.add(entry(orgB, "u1", "SELECT 3", t.plusSeconds(3), Status.SUCCEEDED));

        List<QueryHistoryEntry> mine = history.list(orgA, "u1", null, null, null, 50);
        assertEquals(List.of("select * from orders where note LIKE '100%'", "SELECT 1"),
                mine.stream().map(QueryHistoryEntry::sql).toList());
        assertEquals(Status.FAILED, mine.get(0).status());
        assertEquals(1, history.list(orgA, "u1", "ORDERS", null, null, 50).size());
        assertEquals(1, history.list(orgA, "u1", "100%", null, null, 50).size(), "% is searched literally");
        assertEquals(0, history.list(orgA, "u1", "_00", null, null, 50).size(), "_ is searched literally");
        assertEquals(List.of("SELECT 1"), history.list(orgA, "u1", null, null, t.plusSeconds(1), 50).stream()
                .map(QueryHistoryEntry::sql).toList());
        assertEquals(0, history.list(orgA, "u1", null, "other-ds", null, 50).size());
        assertThrows(IllegalArgumentException.class, () -> history.list(orgA, "u1", null, null, null, 0));

        history.addAll(List.of(entry(orgA, "u3", "batch 1", t, Status.SUCCEEDED), entry(orgB, "u3", "batch 2", t, Status.CACHED)));
        assertEquals(1, history.list(orgA, "u3", null, null, null, 50).size());
        assertEquals("batch 2", history.list(orgB, "u3", null, null, null, 50).get(0).sql());
        assertEquals(4, history.deleteOlderThan(t.plusSeconds(2)), "retention spans organizations");
        assertEquals(List.of("SELECT 3"), history.list(orgB, "u1", null, null, null, 50).stream()
                .map(QueryHistoryEntry::sql).toList());
    }

    private static QueryHistoryEntry entry(String org, String user, String sql, Instant at, Status status) {
        return new QueryHistoryEntry(null, org, user, "ds1", sql, at, 12, status == Status.FAILED ? -1 : 1, status,
                status == Status.FAILED ? "boom" : null);
    }
}
