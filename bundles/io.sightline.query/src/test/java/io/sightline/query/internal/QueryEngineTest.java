package io.sightline.query.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.sightline.api.account.Role;
import io.sightline.api.auth.Caller;
import io.sightline.api.cache.CacheStats;
import io.sightline.api.cache.CachedEntry;
import io.sightline.api.cache.ResultCache;
import io.sightline.api.datasource.DataSourceConnections;
import io.sightline.api.datasource.DataSourceDefinition;
import io.sightline.api.datasource.DataSourceStore;
import io.sightline.api.driver.ConnectFailure;
import io.sightline.api.driver.DatabaseDriver;
import io.sightline.api.query.ExportFormat;
import io.sightline.api.query.ParameterDefinition;
import io.sightline.api.query.ParameterType;
import io.sightline.api.query.QueryColumn;
import io.sightline.api.query.QueryException;
import io.sightline.api.query.QueryHistoryEntry;
import io.sightline.api.query.QueryHistoryStore;
import io.sightline.api.query.QueryRequest;
import io.sightline.api.query.QueryResult;
import io.sightline.api.query.Snippet;
import io.sightline.api.query.SnippetStore;

/**
 * The engine against the real PostgreSQL on localhost (a customer database): parameters, limits,
 * read-only enforcement, cancellation, timeouts, streaming export, cache and history. The stores
 * are in memory here; their JPA versions are tested in the store bundle.
 */
class QueryEngineTest {
    private static final String ORG = "org-1";
    private static final Caller ALICE = new Caller("alice", ORG, Role.MEMBER, "s1", "127.0.0.1");
    private static final Caller BOB = new Caller("bob", ORG, Role.MEMBER, "s2", "127.0.0.1");

    private final Map<String, DataSourceDefinition> definitions = new ConcurrentHashMap<>();
    private final List<QueryHistoryEntry> history = new CopyOnWriteArrayList<>();
    private final Map<String, Snippet> snippets = new ConcurrentHashMap<>();
    private final Map<String, byte[]> cached = new ConcurrentHashMap<>();
    private QueryEngine engine;

    @BeforeEach
    void start() {
        definitions.put("pg", definition("pg", true, 120, 3600));
        definitions.put("pg-writable", definition("pg-writable", false, 120, 0));
        definitions.put("pg-1s", definition("pg-1s", true, 1, 0));
        engine = new QueryEngine(dataSourceStore(), connections(), snippetStore(), historyStore(), config(10_000));
        engine.cache = cache();
    }

    @AfterEach
    void stop() {
        engine.deactivate();
    }

    private static DataSourceDefinition definition(String id, boolean readOnly, int timeout, int ttl) {
        return new DataSourceDefinition(id, ORG, id, "postgresql", "127.0.0.1", 5432, "test", "postgres", Map.of(), null,
                null, readOnly, timeout, ttl, false, "alice", Instant.EPOCH, Instant.EPOCH);
    }

    private static QueryRequest request(String ds, String sql) {
        return new QueryRequest(ds, sql, List.of(), Map.of(), 0, true, null);
    }

    @Test
    void parametersAreBoundAndColumnsTyped() {
        QueryResult r = engine.run(ALICE, new QueryRequest("pg",
                "SELECT n, n * 1.5 AS half, 'x' || n AS label, DATE '2026-01-01' + n AS day, n % 2 = 0 AS even "
                        + "FROM generate_series(1, 10) n WHERE n >= {{min}} [[AND 'x' || n IN ({{labels}})]] ORDER BY n",
                List.of(ParameterDefinition.of("min", ParameterType.NUMBER, true),
                        ParameterDefinition.of("labels", ParameterType.LIST, false)),
                Map.of("min", 8), 0, true, null));
        assertEquals(List.of(QueryColumn.Kind.NUMBER, QueryColumn.Kind.NUMBER, QueryColumn.Kind.TEXT, QueryColumn.Kind.DATE,
                QueryColumn.Kind.BOOLEAN), r.columns().stream().map(QueryColumn::kind).toList());
        assertEquals(List.of(8L, new BigDecimal("12.0"), "x8", "2026-01-09", true), r.rows().get(0));
        assertEquals(3, r.rows().size());
        assertTrue(r.sql().sql().contains("n >= ?") && !r.sql().sql().contains("[["), r.sql().sql());
        assertEquals(new BigDecimal("8"), r.sql().values().get(0).value());
        assertFalse(r.fromCache());
        assertFalse(r.limitReached());
    }

    @Test
    void theRowLimitSaysWhenItWasReached() {
        QueryResult r = engine.run(ALICE, new QueryRequest("pg", "SELECT * FROM generate_series(1, 50)", List.of(),
                Map.of(), 20, false, null));
        assertEquals(20, r.rows().size());
        assertTrue(r.limitReached());
        QueryException e = assertThrows(QueryException.class, () -> engine.run(ALICE,
                new QueryRequest("pg", "SELECT 1", List.of(), Map.of(), 10_001, true, null)));
        assertEquals("maxRows", e.field());
    }

    @Test
    void readOnlyEnforcedRefusesWritesAndTheSessionRefusesThemAnyway() throws Exception {
        QueryException refused = assertThrows(QueryException.class,
                () -> engine.run(ALICE, request("pg", "CREATE TABLE sightline_guard_test (a int)")));
        assertEquals(QueryException.Reason.NOT_A_QUERY, refused.reason());
        // Without the flag the statement reaches PostgreSQL, whose read-only transaction refuses it.
        QueryException database = assertThrows(QueryException.class,
                () -> engine.run(ALICE, request("pg-writable", "CREATE TABLE sightline_guard_test (a int)")));
        assertEquals(QueryException.Reason.DATABASE, database.reason());
        assertTrue(database.getMessage().contains("read-only transaction"), database.getMessage());
    }

    @Test
    void cancellingStopsTheDatabaseWithinASecond() throws Exception {
        CompletableFuture<QueryException> running = CompletableFuture.supplyAsync(() -> assertThrows(QueryException.class,
                () -> engine.run(ALICE, new QueryRequest("pg", "SELECT pg_sleep(60)", List.of(), Map.of(), 0, false, "sleepy-1"))));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (engine.running(ALICE).isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals("sleepy-1", engine.running(ALICE).get(0).id());
        assertFalse(engine.cancel(BOB, "sleepy-1"), "only its owner cancels a query");
        long t0 = System.nanoTime();
        assertTrue(engine.cancel(ALICE, "sleepy-1"));
        QueryException e = running.get(5, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(QueryException.Reason.CANCELLED, e.reason());
        assertTrue(millis < 1000, "cancelled after " + millis + " ms");
        assertTrue(engine.running(ALICE).isEmpty());
        assertEquals(QueryHistoryEntry.Status.CANCELLED, lastHistory(1).status());
    }

    @Test
    void theTimeoutStopsALongQuery() {
        long t0 = System.nanoTime();
        QueryException e = assertThrows(QueryException.class, () -> engine.run(ALICE, request("pg-1s", "SELECT pg_sleep(30)")));
        assertEquals(QueryException.Reason.TIMEOUT, e.reason());
        assertTrue(e.getMessage().contains("timeout of 1 s"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
        assertEquals(QueryHistoryEntry.Status.TIMED_OUT, lastHistory(1).status());
    }

    @Test
    void resultsComeFromTheCacheUntilAskedNotTo() {
        QueryResult first = engine.run(ALICE, request("pg", "SELECT now() AS at"));
        QueryResult second = engine.run(BOB, request("pg", "SELECT now() AS at"));
        assertTrue(second.fromCache());
        assertEquals(first.rows(), second.rows());
        assertEquals(first.computedAt(), second.computedAt());
        QueryResult fresh = engine.run(ALICE, new QueryRequest("pg", "SELECT now() AS at", List.of(), Map.of(), 0, false, null));
        assertFalse(fresh.fromCache());
        // TTL 0: never cached
        engine.run(ALICE, request("pg-writable", "SELECT 1"));
        assertFalse(engine.run(ALICE, request("pg-writable", "SELECT 1")).fromCache());
        assertTrue(cached.keySet().stream().allMatch(k -> k.startsWith(ORG + "/pg/")), cached.keySet().toString());
    }

    @Test
    void identicalConcurrentRequestsRunOnce() throws Exception {
        String sql = "SELECT pg_sleep(1) IS NULL AS slept, clock_timestamp() AS at";
        CompletableFuture<QueryResult> a = CompletableFuture.supplyAsync(() -> engine.run(ALICE, request("pg-writable", sql)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (engine.running(ALICE).isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        QueryResult b = engine.run(BOB, request("pg-writable", sql));
        QueryResult first = a.get(10, TimeUnit.SECONDS);
        assertEquals(first.rows(), b.rows(), "one run, one result");
        assertTrue(b.fromCache() && !first.fromCache());
        lastHistory(2);
        assertEquals(List.of(QueryHistoryEntry.Status.SUCCEEDED, QueryHistoryEntry.Status.CACHED),
                history.stream().map(QueryHistoryEntry::status).toList());
    }

    @Test
    void injectionInEveryParameterTypeReachesTheDatabaseOnlyAsAValue() {
        String sql = "SELECT count(*) AS c FROM (VALUES ('a', 1, DATE '2026-01-01')) v(t, n, d) "
                + "WHERE t = {{text}} OR t IN ({{list}}) OR n = {{number}} OR d = {{day}}";
        List<ParameterDefinition> parameters = List.of(ParameterDefinition.of("text", ParameterType.TEXT, true),
                ParameterDefinition.of("list", ParameterType.LIST, true), ParameterDefinition.of("number", ParameterType.NUMBER, true),
                ParameterDefinition.of("day", ParameterType.DATE, true));
        String attack = "' OR 1=1 --";
        QueryResult r = engine.run(ALICE, new QueryRequest("pg", sql, parameters, Map.of("text", attack,
                "list", List.of(attack, "1; DROP TABLE x"), "number", 2, "day", "2020-01-01"), 0, false, null));
        assertEquals(0L, r.rows().get(0).get(0), "the attack matched nothing: it was a value");
        assertFalse(r.sql().sql().contains("OR 1=1") || r.sql().sql().contains("DROP"), r.sql().sql());
        assertEquals(attack, r.sql().values().get(0).value());
        for (Map.Entry<String, Object> bad : Map.<String, Object>of("number", "1; DROP TABLE x", "day", "2026-01-01' OR '1'='1").entrySet()) {
            Map<String, Object> values = new java.util.HashMap<>(Map.of("text", "a", "list", List.of("a"), "number", 1, "day", "2026-01-01"));
            values.put(bad.getKey(), bad.getValue());
            QueryException e = assertThrows(QueryException.class, () -> engine.run(ALICE,
                    new QueryRequest("pg", sql, parameters, values, 0, false, null)));
            assertEquals(QueryException.Reason.INVALID, e.reason());
            assertTrue(e.getMessage().contains(bad.getKey()), e.getMessage());
        }
    }

    @Test
    void moreQueriesThanAUserMayRunAtOnceWaitTheirTurnInsteadOfFailing() throws Exception {
        // A dashboard of ten tiles opened by one user: four run at a time (running.per.user), none fails.
        java.util.concurrent.ExecutorService browser = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            List<java.util.concurrent.Future<QueryResult>> tiles = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int tile = i;
                tiles.add(browser.submit(() -> engine.run(ALICE, new QueryRequest("pg",
                        "SELECT " + tile + " AS tile, pg_sleep(0.3) IS NULL AS slept", List.of(), Map.of(), 0, false, null))));
            }
            for (int i = 0; i < 10; i++) {
                assertEquals(i, ((Number) tiles.get(i).get(30, java.util.concurrent.TimeUnit.SECONDS).rows().get(0).get(0)).intValue());
            }
        } finally {
            browser.shutdownNow();
        }
    }

    @Test
    void zonedTimestampsAreShownInTheUsersZoneAndPlainOnesAsStored() {
        String sql = "SELECT TIMESTAMPTZ '2026-03-01 02:00:00+00' AS at, TIMESTAMP '2026-03-01 02:00:00' AS local_at, "
                + "DATE '2026-03-01' AS day";
        QueryResult tokyo = engine.run(ALICE, new QueryRequest("pg", sql, List.of(), Map.of(), 0, true, null,
                ZoneId.of("Asia/Tokyo")));
        QueryResult la = engine.run(ALICE, new QueryRequest("pg", sql, List.of(), Map.of(), 0, true, null,
                ZoneId.of("America/Los_Angeles")));
        QueryResult utc = engine.run(ALICE, request("pg", sql));
        assertEquals(QueryColumn.Kind.TIMESTAMP_WITH_ZONE, tokyo.columns().get(0).kind(), "timestamptz holds instants");
        assertEquals(List.of("2026-03-01T11:00+09:00", "2026-03-01T02:00", "2026-03-01"), tokyo.rows().get(0));
        assertEquals(List.of("2026-02-28T18:00-08:00", "2026-03-01T02:00", "2026-03-01"), la.rows().get(0));
        assertEquals("2026-03-01T02:00Z", utc.rows().get(0).get(0));
        assertFalse(la.fromCache(), "another zone is another cache entry");
        assertFalse(utc.fromCache());
        assertEquals(3, cached.size(), cached.keySet().toString());
        assertEquals(ZoneId.of("Asia/Tokyo"), tokyo.sql().timeZone());
        assertEquals(QueryRequest.UTC, utc.sql().timeZone());

        QueryResult again = engine.run(BOB, new QueryRequest("pg", sql, List.of(), Map.of(), 0, true, null,
                ZoneId.of("Asia/Tokyo")));
        assertTrue(again.fromCache());
        assertEquals(tokyo.rows(), again.rows());
        assertEquals(ZoneId.of("Asia/Tokyo"), again.sql().timeZone(), "the zone survives the cache");
    }

    @Test
    void relativeDatesAreResolvedFromTodayInTheUsersZone() {
        engine.clock = Clock.fixed(Instant.parse("2026-03-01T02:00:00Z"), ZoneOffset.UTC);
        String sql = "SELECT count(*) AS c FROM generate_series(DATE '2026-01-01', DATE '2026-12-31', INTERVAL '1 day') d "
                + "WHERE d BETWEEN {{period.start}} AND {{period.end}} AND d <= {{day}}";
        List<ParameterDefinition> parameters = List.of(ParameterDefinition.of("period", ParameterType.DATE_RANGE, true),
                new ParameterDefinition("day", ParameterType.DATE, false, "yesterday", null));
        Map<String, Object> values = Map.of("period", "Last 7 Days");
        QueryResult la = engine.run(ALICE, new QueryRequest("pg", sql, parameters, values, 0, true, null,
                ZoneId.of("America/Los_Angeles")));
        assertEquals(List.of(LocalDate.parse("2026-02-22"), LocalDate.parse("2026-02-28"), LocalDate.parse("2026-02-27")),
                la.sql().values().stream().map(v -> v.value()).toList(), "today is 2026-02-28 in Los Angeles");
        assertEquals(6L, la.rows().get(0).get(0));
        QueryResult tokyo = engine.run(ALICE, new QueryRequest("pg", sql, parameters, values, 0, true, null,
                ZoneId.of("Asia/Tokyo")));
        assertEquals(List.of(LocalDate.parse("2026-02-23"), LocalDate.parse("2026-03-01"), LocalDate.parse("2026-02-28")),
                tokyo.sql().values().stream().map(v -> v.value()).toList(), "today is 2026-03-01 in Tokyo");
        assertFalse(tokyo.fromCache());
        assertTrue(tokyo.sql().display().contains("-- 2: period = DATE '2026-03-01'"), tokyo.sql().display());

        QueryException range = assertThrows(QueryException.class, () -> engine.run(ALICE, new QueryRequest("pg", sql,
                parameters, Map.of("period", "last 7 days", "day", "this week"), 0, true, null, ZoneId.of("Asia/Tokyo"))));
        assertEquals(QueryException.Reason.INVALID, range.reason());
        assertTrue(range.getMessage().startsWith("Parameter 'day': 'this week' is a range of days"), range.getMessage());
        QueryException unknown = assertThrows(QueryException.class, () -> engine.run(ALICE, new QueryRequest("pg", sql,
                parameters, Map.of("period", "the other day"), 0, true, null, null)));
        assertTrue(unknown.getMessage().contains("'period'") && unknown.getMessage().contains("last N days"),
                unknown.getMessage());
    }

    @Test
    void snippetsExpandAndUnknownOnesAreNamed() {
        snippets.put("evens", new Snippet("s1", ORG, "evens", null, "n % 2 = 0", "alice", Instant.EPOCH));
        QueryResult r = engine.run(ALICE, request("pg", "SELECT count(*) AS c FROM generate_series(1, 10) n WHERE {{snippet:evens}}"));
        assertEquals(5L, r.rows().get(0).get(0));
        QueryException e = assertThrows(QueryException.class, () -> engine.run(ALICE, request("pg", "SELECT {{snippet:nope}}")));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        assertEquals(QueryException.Reason.INVALID, e.reason());
    }

    @Test
    void databaseErrorsAndUnknownDataSourcesAreClear() {
        QueryException missing = assertThrows(QueryException.class, () -> engine.run(ALICE, request("pg", "SELECT * FROM no_such_table")));
        assertEquals(QueryException.Reason.DATABASE, missing.reason());
        assertTrue(missing.getMessage().contains("no_such_table"), missing.getMessage());
        QueryException other = assertThrows(QueryException.class,
                () -> engine.run(new Caller("eve", "org-2", Role.OWNER, "s3"), request("pg", "SELECT 1")));
        assertEquals(QueryException.Reason.NOT_FOUND, other.reason());
        assertEquals(QueryHistoryEntry.Status.FAILED, lastHistory(2).status());
    }

    @Test
    void csvExportStreamsEveryRow() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        engine.export(ALICE, request("pg", "SELECT n, '=cmd|' || n AS formula, 'a,\"b\"' AS quoted FROM generate_series(1, 25000) n ORDER BY n"),
                ExportFormat.CSV, out);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\r\n");
        assertEquals("\uFEFFn,formula,quoted", lines[0]);
        assertEquals("1,'=cmd|1,\"a,\"\"b\"\"\"", lines[1]);
        assertEquals(25_001, lines.length, "no row limit on exports");
    }

    @Test
    void xlsxExportIsAWorkbookWithTypedCells() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        engine.export(ALICE, request("pg", "SELECT n, DATE '2026-03-01' + n AS day, 'row ' || n AS label FROM generate_series(1, 3000) n ORDER BY n"),
                ExportFormat.XLSX, out);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet sheet = book.getSheetAt(0);
            assertEquals("n", sheet.getRow(0).getCell(0).getStringCellValue());
            assertEquals(3000, sheet.getLastRowNum());
            assertEquals(1.0, sheet.getRow(1).getCell(0).getNumericCellValue());
            assertEquals(LocalDate.of(2026, 3, 2), sheet.getRow(1).getCell(1).getLocalDateTimeCellValue().toLocalDate());
            assertEquals("row 3000", sheet.getRow(3000).getCell(2).getStringCellValue());
        }
    }

    @Test
    void historyKeepsWhatWasWrittenAndHowItEnded() {
        engine.run(ALICE, request("pg", "SELECT 42 AS answer"));
        QueryHistoryEntry last = lastHistory(1);
        assertEquals("SELECT 42 AS answer", last.sql());
        assertEquals(QueryHistoryEntry.Status.SUCCEEDED, last.status());
        assertEquals(1, last.rowCount());
        assertEquals("alice", last.userId());
    }

    /** The last history entry once at least {@code count} were written (the engine writes them in the background). */
    private QueryHistoryEntry lastHistory(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (history.size() < count) {
            assertTrue(System.nanoTime() < deadline, "history has " + history.size() + " entries, expected " + count);
            Thread.onSpinWait();
        }
        return history.get(history.size() - 1);
    }

    // ---- the engine's collaborators, over the real PostgreSQL ----

    private DataSourceStore dataSourceStore() {
        return new DataSourceStore() {
            @Override
            public Optional<DataSourceDefinition> find(String organizationId, String id) {
                return Optional.ofNullable(definitions.get(id)).filter(d -> d.organizationId().equals(organizationId));
            }

            @Override
            public DataSourceDefinition create(DataSourceDefinition definition) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<DataSourceDefinition> update(DataSourceDefinition definition) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<DataSourceDefinition> list(String organizationId) {
                return List.copyOf(definitions.values());
            }

            @Override
            public boolean delete(String organizationId, String id) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void saveMetadata(String organizationId, String id, Instant readAt, String summary, String schema) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<StoredMetadata> metadata(String organizationId, String id) {
                return Optional.empty();
            }

            @Override
            public Map<String, StoredMetadata> summaries(String organizationId) {
                return Map.of();
            }

            @Override
            public List<Ref> metadataOlderThan(Instant before) {
                return List.of();
            }
        };
    }

    private static DataSourceConnections connections() {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setServerNames(new String[] {"127.0.0.1"});
        pg.setPortNumbers(new int[] {5432});
        pg.setDatabaseName("test");
        pg.setUser("postgres");
        pg.setConnectTimeout(10);
        return new DataSourceConnections() {
            @Override
            public Connection open(DataSourceDefinition definition) throws SQLException {
                Connection c = pg.getConnection(); // fails loudly when PostgreSQL is not running
                c.setReadOnly(true);
                return c;
            }

            @Override
            public Optional<DatabaseDriver> driver(String driverId) {
                return Optional.of(new FailureOnlyDriver());
            }
        };
    }

    private SnippetStore snippetStore() {
        return new SnippetStore() {
            @Override
            public Optional<Snippet> findByName(String organizationId, String name) {
                return Optional.ofNullable(snippets.get(name));
            }

            @Override
            public Snippet create(Snippet snippet) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<Snippet> update(Snippet snippet) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<Snippet> find(String organizationId, String id) {
                return Optional.empty();
            }

            @Override
            public List<Snippet> list(String organizationId) {
                return new ArrayList<>(snippets.values());
            }

            @Override
            public boolean delete(String organizationId, String id) {
                return false;
            }
        };
    }

    private QueryHistoryStore historyStore() {
        return new QueryHistoryStore() {
            @Override
            public QueryHistoryEntry add(QueryHistoryEntry entry) {
                history.add(entry);
                return entry;
            }

            @Override
            public void addAll(List<QueryHistoryEntry> entries) {
                history.addAll(entries);
            }

            @Override
            public List<QueryHistoryEntry> list(String organizationId, String userId, String search, String dataSourceId,
                    Instant before, int limit) {
                return List.copyOf(history);
            }

            @Override
            public int deleteOlderThan(Instant before) {
                return 0;
            }
        };
    }

    private ResultCache cache() {
        return new ResultCache() {
            @Override
            public Optional<CachedEntry> get(String key) {
                byte[] v = cached.get(key);
                return v == null ? Optional.empty() : Optional.of(new CachedEntry(v, Instant.now(), Instant.now().plusSeconds(60)));
            }

            @Override
            public void put(String key, byte[] value, Duration ttl) {
                if (!ttl.isZero() && !ttl.isNegative()) {
                    cached.put(key, value);
                }
            }

            @Override
            public int evictPrefix(String prefix) {
                return 0;
            }

            @Override
            public CacheStats stats() {
                return new CacheStats(cached.size(), 0, 0, 0);
            }
        };
    }

    static QueryConfig config(int maxRows) {
        return new QueryConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return QueryConfig.class;
            }

            @Override
            public int max_rows_default() {
                return maxRows;
            }

            @Override
            public int max_rows_limit() {
                return maxRows;
            }

            @Override
            public int fetch_size() {
                return 500;
            }

            @Override
            public int running_per_user() {
                return 4;
            }

            @Override
            public int queue_wait_seconds() {
                return 30;
            }

            @Override
            public int history_retention_days() {
                return 90;
            }
        };
    }

    /** Only explains failures; the engine uses nothing else of a driver. */
    private static final class FailureOnlyDriver implements DatabaseDriver {
        @Override public String id() { return "postgresql"; }
        @Override public String displayName() { return "PostgreSQL"; }
        @Override public int defaultPort() { return 5432; }
        @Override public Map<String, String> allowedOptions() { return Map.of(); }
        @Override public void validate(io.sightline.api.driver.ConnectionSpec spec, boolean operatorDefined) {}
        @Override public javax.sql.DataSource dataSource(io.sightline.api.driver.ConnectionSpec spec, io.sightline.api.driver.PasswordSource password) { throw new UnsupportedOperationException(); }
        @Override public ConnectFailure explain(SQLException failure) { return new ConnectFailure(ConnectFailure.Step.DATABASE, failure.getMessage()); }
        @Override public String quoteIdentifier(String identifier) { return '"' + identifier + '"'; }
        @Override public String limitRows(String sql, int maxRows) { return sql; }
        @Override public void prepareReadOnly(Connection connection) {}
        @Override public io.sightline.api.driver.ServerInfo serverInfo(Connection connection) { throw new UnsupportedOperationException(); }
        @Override public List<io.sightline.api.driver.SchemaInfo> schema(Connection connection) { throw new UnsupportedOperationException(); }
        @Override public io.sightline.api.driver.WriteAccess writeAccess(Connection connection) { throw new UnsupportedOperationException(); }
    }

}
