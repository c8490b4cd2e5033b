package io.sightline.query.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sightline.api.audit.AuditEvent;
import io.sightline.api.audit.AuditLog;
import io.sightline.api.auth.Caller;
import io.sightline.api.cache.ResultCache;
import io.sightline.api.datasource.DataSourceConnections;
import io.sightline.api.datasource.DataSourceDefinition;
import io.sightline.api.datasource.DataSourceStore;
import io.sightline.api.datasource.DriverUnavailableException;
import io.sightline.api.driver.DatabaseDriver;
import io.sightline.api.query.BoundSql;
import io.sightline.api.query.BoundValue;
import io.sightline.api.query.ExportFormat;
import io.sightline.api.query.ParameterDefinition;
import io.sightline.api.query.QueryException;
import io.sightline.api.query.QueryException.Reason;
import io.sightline.api.query.QueryHistoryEntry;
import io.sightline.api.query.QueryHistoryStore;
import io.sightline.api.query.QueryRequest;
import io.sightline.api.query.QueryResult;
import io.sightline.api.query.QueryService;
import io.sightline.api.query.RelativeDates;
import io.sightline.api.query.RunningQuery;
import io.sightline.api.query.Snippet;
import io.sightline.api.query.SnippetStore;
import io.sightline.query.internal.sql.SnippetExpander;
import io.sightline.query.internal.sql.SqlTemplate;
import io.sightline.query.internal.sql.SqlTemplateException;

/**
 * Runs SQL for people (SPEC Q-1 … Q-5, C-1, DS-6). One run: snippets expanded, parameters bound
 * as JDBC parameters, the statement checked, the cache asked, then the data source's pooled
 * read-only connection in a transaction that is always rolled back, with the data source's
 * timeout, a watchdog that cancels a statement the driver does not stop in time, and rows read
 * one fetch at a time. Each run is audited and kept in the user's history.
 */
@Component(service = QueryService.class, configurationPid = QueryEngine.PID)
@Designate(ocd = QueryConfig.class)
public class QueryEngine implements QueryService {
    static final String PID = "io.sightline.query";
    private static final Logger LOG = LoggerFactory.getLogger(QueryEngine.class);
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    /** Longest SQL accepted, before snippets. */
    static final int MAX_SQL_CHARS = 100_000;
    /** How long after its timeout a statement the driver did not stop is cancelled by us. */
    private static final Duration WATCHDOG_GRACE = Duration.ofSeconds(2);

    private final DataSourceStore dataSources;
    private final DataSourceConnections connections;
    private final SnippetStore snippets;
    private final HistoryWriter historyWriter;
    private final QueryConfig config;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sightline-query-watchdog");
        t.setDaemon(true);
        return t;
    });
    private final RunningQueries running = new RunningQueries(timers);
    private final Map<String, CompletableFuture<QueryResult>> inFlight = new ConcurrentHashMap<>();
    /** Per user (organization/user id): how many of their queries may run at once. */
    private final Map<String, Semaphore> userSlots = new ConcurrentHashMap<>();
    /** Parsed templates of SQL without snippets, and statements that passed the guard (their text). */
    private final Memo<String, SqlTemplate> templates = new Memo<>(1_000);
    private final Memo<String, String> checkedStatements = new Memo<>(1_000);
    /** What "today" is for relative dates; replaced by tests. */
    Clock clock = Clock.systemUTC();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile ResultCache cache;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile AuditLog audit;

    @Activate
    public QueryEngine(@Reference DataSourceStore dataSources, @Reference DataSourceConnections connections,
            @Reference SnippetStore snippets, @Reference QueryHistoryStore history, QueryConfig config) {
        this.dataSources = dataSources;
        this.connections = connections;
        this.snippets = snippets;
        this.historyWriter = new HistoryWriter(history);
        this.config = config;
    }

    @Deactivate
    void deactivate() {
        running.cancelAll();
        timers.shutdownNow();
        historyWriter.stop(5_000);
    }

    /** What a run needs once the request is checked. */
    private record Prepared(DataSourceDefinition dataSource, DatabaseDriver driver, BoundSql sql, String id) {}

    private Prepared prepare(Caller caller, QueryRequest request) {
        if (request.dataSourceId() == null || request.dataSourceId().isBlank()) {
            throw new QueryException(Reason.INVALID, "Choose a data source.", "dataSourceId", 0, 0);
        }
        if (request.sql() == null || request.sql().isBlank()) {
            throw new QueryException(Reason.INVALID, "Write the SQL to run.", "sql", 0, 0);
        }
        if (request.sql().length() > MAX_SQL_CHARS) {
            throw new QueryException(Reason.INVALID, "The SQL is longer than 100,000 characters.", "sql", 0, 0);
        }
        String id = request.id() == null ? UUID.randomUUID().toString() : request.id();
        if (!CLIENT_ID.matcher(id).matches()) {
            throw new QueryException(Reason.INVALID, "A query id has 1 to 64 letters, digits and '-'.", "id", 0, 0);
        }
        DataSourceDefinition ds = dataSources.find(caller.organizationId(), request.dataSourceId())
                .orElseThrow(() -> new QueryException(Reason.NOT_FOUND, "No data source with this id.", "dataSourceId", 0, 0));
        DatabaseDriver driver = connections.driver(ds.driver())
                .orElseThrow(() -> new QueryException(Reason.DRIVER_MISSING, new DriverUnavailableException(ds.driver()).getMessage()));
        Map<String, ParameterDefinition> definitions = new LinkedHashMap<>();
        for (ParameterDefinition p : request.parameters()) {
            if (definitions.put(p.name(), p) != null) {
                throw new QueryException(Reason.INVALID, "Parameter '" + p.name() + "' is declared twice.", "parameters", 0, 0);
            }
        }
        ZoneId zone = request.effectiveTimeZone();
        BoundSql bound;
        try {
            bound = template(caller, request.sql()).bind(definitions, request.values(), RelativeDates.today(clock, zone));
        } catch (SqlTemplateException e) {
            throw new QueryException(Reason.INVALID, e.getMessage(), "sql", e.line(), e.column());
        }
        String statement = checkedStatements.get((ds.readOnlyEnforced() ? "R" : "W") + bound.sql(),
                () -> StatementGuard.check(bound.sql(), ds.readOnlyEnforced()));
        return new Prepared(ds, driver, new BoundSql(statement, bound.values(), zone), id);
    }

    /**
     * The parsed template of a request's SQL. Parsing is remembered for SQL without snippets (most
     * dashboard tiles re-run the same text); SQL with snippets is expanded every time, so a
     * changed snippet counts at once.
     */
    private SqlTemplate template(Caller caller, String sql) {
        SqlTemplate known = templates.get(sql);
        if (known != null) {
            return known;
        }
        boolean[] usesSnippets = {false};
        String expanded = new SnippetExpander(name -> {
            usesSnippets[0] = true;
            return snippets.findByName(caller.organizationId(), name).map(Snippet::sql);
        }).expand(sql);
        SqlTemplate template = SqlTemplate.parse(expanded);
        if (!usesSnippets[0]) {
            templates.put(sql, template);
        }
        return template;
    }

    @Override
    public BoundSql check(Caller caller, QueryRequest request) {
        return prepare(caller, request).sql();
    }

    private int rowLimit(QueryRequest request) {
        int limit = request.maxRows() <= 0 ? config.max_rows_default() : request.maxRows();
        if (limit > config.max_rows_limit()) {
            throw new QueryException(Reason.INVALID, "At most " + config.max_rows_limit()
                    + " rows can be shown at once; export the result for all rows.", "maxRows", 0, 0);
        }
        return limit;
    }

    @Override
    public QueryResult run(Caller caller, QueryRequest request) {
        Instant startedAt = Instant.now();
        int limit = rowLimit(request);
        Prepared p;
        try {
            p = prepare(caller, request);
        } catch (QueryException e) {
            remember(caller, request, startedAt, 0, -1, statusOf(e), e.getMessage());
            throw e;
        }
        String key = cacheKey(caller, p, limit);
        ResultCache c = cache;
        if (request.useCache() && c != null && p.dataSource().cacheTtlSeconds() > 0) {
            QueryResult hit = c.get(key).map(entry -> ResultCodec.decode(entry.value(), p.id())).orElse(null);
            if (hit != null) {
                remember(caller, request, startedAt, 0, hit.rows().size(), QueryHistoryEntry.Status.CACHED, null);
                record(caller, p, "query.run", hit.rows().size(), 0, "cache");
                return hit;
            }
        }
        QueryResult result = request.useCache() ? singleFlight(caller, request, p, startedAt, limit, key)
                : execute(caller, request, p, startedAt, limit);
        if (result.fromCache()) {
            return result;
        }
        if (c != null && p.dataSource().cacheTtlSeconds() > 0) {
            try {
                c.put(key, ResultCodec.encode(result), Duration.ofSeconds(p.dataSource().cacheTtlSeconds()));
            } catch (RuntimeException e) {
                LOG.warn("Could not cache a result of data source {}: {}", p.dataSource().id(), e.toString());
            }
        }
        return result;
    }

    /**
     * Identical requests (same organization, data source, SQL, values and limit) that arrive while
     * one of them runs wait for its result instead of running again. A follower whose leader was
     * cancelled by its own user runs the query itself.
     */
    private QueryResult singleFlight(Caller caller, QueryRequest request, Prepared p, Instant startedAt, int limit,
            String key) {
        CompletableFuture<QueryResult> mine = new CompletableFuture<>();
        CompletableFuture<QueryResult> leader = inFlight.putIfAbsent(key, mine);
        if (leader != null) {
            try {
                QueryResult shared = leader.get(p.dataSource().queryTimeoutSeconds() * 1000L
                        + WATCHDOG_GRACE.toMillis() * 2, TimeUnit.MILLISECONDS);
                long millis = Duration.between(startedAt, Instant.now()).toMillis();
                remember(caller, request, startedAt, millis, shared.rows().size(), QueryHistoryEntry.Status.CACHED, null);
                record(caller, p, "query.run", shared.rows().size(), millis, "shared");
                return shared.cached(p.id());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof QueryException q && q.reason() != Reason.CANCELLED) {
                    throw new QueryException(q.reason(), q.getMessage(), q.field(), q.line(), q.column());
                }
                return execute(caller, request, p, startedAt, limit);
            } catch (TimeoutException e) {
                return execute(caller, request, p, startedAt, limit);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QueryException(Reason.CANCELLED, "The query was cancelled.");
            }
        }
        try {
            QueryResult result = execute(caller, request, p, startedAt, limit);
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private QueryResult execute(Caller caller, QueryRequest request, Prepared p, Instant startedAt, int limit) {
        List<List<Object>> rows = new ArrayList<>();
        boolean[] limitReached = {false};
        long[] duration = {0};
        List<io.sightline.api.query.QueryColumn> columns = withStatement(caller, request, p, startedAt, limit + 1,
                (reader, t0) -> {
                    List<Object> row;
                    while ((row = reader.next()) != null) {
                        if (rows.size() == limit) {
                            limitReached[0] = true;
                            break;
                        }
                        rows.add(java.util.Collections.unmodifiableList(row));
                    }
                    duration[0] = (System.nanoTime() - t0) / 1_000_000;
                    return rows.size();
                });
        return new QueryResult(p.id(), p.dataSource().id(), p.sql(), columns, rows, limitReached[0], limit, duration[0],
                Instant.now().truncatedTo(ChronoUnit.MILLIS), false);
    }

    @Override
    public void export(Caller caller, QueryRequest request, ExportFormat format, OutputStream out) throws IOException {
        Instant startedAt = Instant.now();
        Prepared p = prepare(caller, request);
        IOException[] failure = {null};
        withStatement(caller, request, p, startedAt, 0, (reader, t0) -> {
            long count = 0;
            try (ExportWriter writer = ExportWriter.open(format, out, "Result")) {
                writer.header(reader.columns());
                List<Object> row;
                while ((row = reader.next()) != null) {
                    writer.row(row);
                    count++;
                }
            } catch (IOException e) {
                failure[0] = e;
            }
            return count;
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    /** Reads rows from an open result; returns how many it took. */
    private interface RowWork {
        long read(Rows rows, long startNanos) throws SQLException;
    }

    /**
     * Runs the prepared statement and hands its rows to {@code work}; records history and audit.
     *
     * @param maxRows JDBC max rows, 0 for all
     * @return the result's columns
     */
    private List<io.sightline.api.query.QueryColumn> withStatement(Caller caller, QueryRequest request, Prepared p,
            Instant startedAt, int maxRows, RowWork work) {
        RunningQueries.Run run = running.start(p.id(), caller.organizationId(), caller.userId(), p.dataSource().id());
        if (run == null) {
            throw new QueryException(Reason.INVALID, "A query with this id is already running.", "id", 0, 0);
        }
        Semaphore slots = userSlots.computeIfAbsent(caller.organizationId() + "/" + caller.userId(),
                k -> new Semaphore(config.running_per_user(), true));
        try {
            // A dashboard opens more tiles than a user may run at once: the rest wait their turn.
            if (!slots.tryAcquire(config.queue_wait_seconds(), TimeUnit.SECONDS)) {
                throw new QueryException(Reason.BUSY, "You have " + config.running_per_user() + " queries running and more "
                        + "waited " + config.queue_wait_seconds() + " s for them; wait for one to finish or cancel one.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.finish(run);
            throw new QueryException(Reason.CANCELLED, "The query was cancelled.");
        } catch (QueryException e) {
            running.finish(run);
            throw e;
        }
        try {
            return withSlot(caller, request, p, startedAt, maxRows, work, run);
        } finally {
            slots.release();
        }
    }

    private List<io.sightline.api.query.QueryColumn> withSlot(Caller caller, QueryRequest request, Prepared p,
            Instant startedAt, int maxRows, RowWork work, RunningQueries.Run run) {
        long t0 = System.nanoTime();
        int timeout = p.dataSource().queryTimeoutSeconds();
        ScheduledFuture<?> watchdog = timers.schedule(() -> running.cancelUntilFinished(run, 0), timeout * 1000L + WATCHDOG_GRACE.toMillis(),
                TimeUnit.MILLISECONDS);
        Connection connection = null;
        try {
            try {
                connection = connections.open(p.dataSource());
            } catch (DriverUnavailableException e) {
                throw new QueryException(Reason.DRIVER_MISSING, e.getMessage());
            } catch (SQLException e) {
                throw new QueryException(Reason.CONNECTION, "Could not connect to the data source: "
                        + p.driver().explain(e).message());
            }
            try {
                // Cursors need a transaction (PostgreSQL); it is read-only and always rolled back.
                connection.setAutoCommit(false);
                try (PreparedStatement statement = connection.prepareStatement(p.sql().sql(), ResultSet.TYPE_FORWARD_ONLY,
                        ResultSet.CONCUR_READ_ONLY)) {
                    run.attach(statement);
                    statement.setQueryTimeout(timeout);
                    statement.setFetchSize(maxRows > 0 ? Math.min(maxRows, config.fetch_size()) : config.fetch_size());
                    if (maxRows > 0) {
                        statement.setMaxRows(maxRows);
                    }
                    bind(statement, p.sql().values());
                    List<io.sightline.api.query.QueryColumn> columns;
                    long count;
                    try (ResultSet rs = executeQuery(statement)) {
                        Rows rows = new Rows(rs, p.sql().timeZone());
                        columns = rows.columns();
                        count = work.read(rows, t0);
                    }
                    if (run.cancelled()) {
                        // Some drivers end a cancelled result quietly instead of failing it.
                        throw new SQLException("cancelled", "57014");
                    }
                    long millis = (System.nanoTime() - t0) / 1_000_000;
                    remember(caller, request, startedAt, millis, count, QueryHistoryEntry.Status.SUCCEEDED, null);
                    record(caller, p, "query.run", count, millis, maxRows == 0 ? "export" : "database");
                    return columns;
                } finally {
                    rollbackQuietly(connection);
                }
            } catch (SQLException e) {
                throw failure(e, run, p, timeout, t0);
            }
        } catch (QueryException e) {
            long millis = (System.nanoTime() - t0) / 1_000_000;
            remember(caller, request, startedAt, millis, -1, statusOf(e), e.getMessage());
            record(caller, p, "query.failed", -1, millis, e.reason().name().toLowerCase(java.util.Locale.ROOT));
            throw e;
        } finally {
            watchdog.cancel(false);
            running.finish(run);
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    LOG.debug("closing a connection: {}", e.toString());
                }
            }
        }
    }

    private static ResultSet executeQuery(PreparedStatement statement) throws SQLException {
        if (!statement.execute()) {
            // DML or DDL on a data source that is not read-only enforced: the read-only session
            // normally refuses it first; report what happened.
            int updated = statement.getUpdateCount();
            throw new SQLException("The statement returned no rows" + (updated >= 0 ? " (" + updated + " rows affected)" : "")
                    + ". Only queries that return rows can be shown.", "0A000");
        }
        return statement.getResultSet();
    }

    private QueryException failure(SQLException e, RunningQueries.Run run, Prepared p, int timeout, long t0) {
        long elapsed = System.nanoTime() - t0;
        if (run.cancelled() && elapsed < TimeUnit.SECONDS.toNanos(timeout)) {
            return new QueryException(Reason.CANCELLED, "The query was cancelled.");
        }
        if (e instanceof SQLTimeoutException || run.cancelled() || elapsed >= TimeUnit.SECONDS.toNanos(timeout)) {
            return new QueryException(Reason.TIMEOUT, "The query ran longer than the data source's timeout of "
                    + timeout + " s and was stopped. Narrow it down, or ask an admin to raise the timeout.");
        }
        String state = e.getSQLState();
        if (state != null && state.startsWith("08")) {
            return new QueryException(Reason.CONNECTION, "The connection to the data source failed: "
                    + p.driver().explain(e).message());
        }
        // The database's own words (syntax, missing table, permission) help the user most.
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        return new QueryException(Reason.DATABASE, message.length() > 1000 ? message.substring(0, 1000) + "…" : message);
    }

    private static void bind(PreparedStatement statement, List<BoundValue> values) throws SQLException {
        for (BoundValue v : values) {
            Object value = v.value();
            if (value instanceof LocalDate date) {
                statement.setDate(v.index(), java.sql.Date.valueOf(date)); // Derby has no java.time binding
            } else if (value instanceof java.math.BigDecimal number) {
                statement.setBigDecimal(v.index(), number);
            } else {
                statement.setString(v.index(), (String) value);
            }
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback: {}", e.toString());
        }
    }

    @Override
    public boolean cancel(Caller caller, String queryId) {
        return running.cancel(caller.organizationId(), caller.userId(), queryId);
    }

    @Override
    public List<RunningQuery> running(Caller caller) {
        return running.of(caller.organizationId(), caller.userId());
    }

    /**
     * Organization, data source and a hash of what decides the rows: the data source's version,
     * the statement, the values (relative dates already resolved), the time zone (it decides how
     * zoned timestamps are shown; UTC when the request has none) and the row limit (C-1).
     */
    static String cacheKey(Caller caller, Prepared p, int limit) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            update(sha, p.dataSource().updatedAt().toString());
            update(sha, p.sql().sql());
            for (BoundValue v : p.sql().values()) {
                update(sha, v.type().name());
                update(sha, v.value().toString());
            }
            update(sha, p.sql().timeZone().getId());
            update(sha, Integer.toString(limit));
            return caller.organizationId() + "/" + p.dataSource().id() + "/" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest sha, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) ':');
        sha.update(bytes);
    }

    private static QueryHistoryEntry.Status statusOf(QueryException e) {
        return switch (e.reason()) {
            case CANCELLED -> QueryHistoryEntry.Status.CANCELLED;
            case TIMEOUT -> QueryHistoryEntry.Status.TIMED_OUT;
            default -> QueryHistoryEntry.Status.FAILED;
        };
    }

    private void remember(Caller caller, QueryRequest request, Instant startedAt, long millis, long rows,
            QueryHistoryEntry.Status status, String error) {
        if (request.dataSourceId() == null || request.sql() == null) {
            return;
        }
        try {
            String sql = request.sql().length() > 32_000 ? request.sql().substring(0, 32_000) : request.sql();
            historyWriter.add(new QueryHistoryEntry(null, caller.organizationId(), caller.userId(), request.dataSourceId(), sql,
                    startedAt, millis, rows, status,
                    error == null ? null : error.length() > 2000 ? error.substring(0, 2000) : error));
        } catch (RuntimeException e) {
            LOG.warn("Could not keep query history: {}", e.toString());
        }
    }

    private void record(Caller caller, Prepared p, String action, long rows, long millis, String source) {
        AuditLog log = audit;
        if (log != null) {
            // The SQL itself may hold values people typed; the audit keeps its hash (AU-1).
            log.record(AuditEvent.by(caller, action, "datasource", p.dataSource().id(), "sqlSha256=" + sha256(p.sql().sql())
                    + " rows=" + rows + " ms=" + millis + " from=" + source));
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
