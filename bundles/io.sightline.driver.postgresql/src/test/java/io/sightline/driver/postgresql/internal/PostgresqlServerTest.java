package io.sightline.driver.postgresql.internal;

import static io.sightline.driver.postgresql.internal.LocalPostgres.HOST;
import static io.sightline.driver.postgresql.internal.LocalPostgres.PORT;
import static io.sightline.driver.postgresql.internal.LocalPostgres.SUPERUSER;
import static io.sightline.driver.postgresql.internal.LocalPostgres.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.sightline.api.driver.ConnectFailure;
import io.sightline.api.driver.ConnectFailure.Step;
import io.sightline.api.driver.ConnectionSpec;
import io.sightline.api.driver.PasswordSource;
import io.sightline.api.driver.SchemaInfo;
import io.sightline.api.driver.ServerInfo;
import io.sightline.api.driver.TlsSettings;
import io.sightline.api.driver.WriteAccess;

/**
 * The driver against the real local PostgreSQL (DS-1 … DS-7). The test owns a database of its own
 * with a schema, tables, a view and two roles, all with unique names, and drops them afterwards.
 */
class PostgresqlServerTest {
    private static final PostgresqlDriver DRIVER = new PostgresqlDriver();
    private static final String DATABASE = LocalPostgres.uniqueName("sl_drv_test");
    private static final String READER = LocalPostgres.uniqueName("sl_ro");
    private static final String WRITER = LocalPostgres.uniqueName("sl_rw");
    private static final String ODD_TABLE = "odd\"name";

    @BeforeAll
    static void createDatabase() throws SQLException {
        try (Connection admin = LocalPostgres.admin("postgres")) {
            execute(admin, "CREATE DATABASE " + DATABASE,
                    "CREATE ROLE " + READER + " LOGIN PASSWORD 'reader-secret'",
                    "CREATE ROLE " + WRITER + " LOGIN PASSWORD 'writer-secret'");
        }
        try (Connection admin = LocalPostgres.admin(DATABASE)) {
            execute(admin,
                    "CREATE SCHEMA shop",
                    "CREATE TABLE shop.customers (id integer PRIMARY KEY, name varchar(40) NOT NULL, email text)",
                    "CREATE TABLE shop.orders (id bigint PRIMARY KEY, customer_id integer REFERENCES shop.customers,"
                            + " amount numeric(10,2), placed_at timestamp with time zone NOT NULL DEFAULT now())",
                    "CREATE VIEW shop.big_orders AS SELECT id, amount FROM shop.orders WHERE amount > 100",
                    // named through the code under test: a quote inside the name
                    "CREATE TABLE shop." + DRIVER.quoteIdentifier(ODD_TABLE) + " (" + DRIVER.quoteIdentifier("it's \"x\"")
                            + " integer)",
                    "INSERT INTO shop." + DRIVER.quoteIdentifier(ODD_TABLE) + " VALUES (42)",
                    "INSERT INTO shop.customers SELECT g, 'customer ' || g, NULL FROM generate_series(1, 50) g",
                    "GRANT USAGE ON SCHEMA shop TO " + READER + ", " + WRITER,
                    "GRANT SELECT ON ALL TABLES IN SCHEMA shop TO " + READER + ", " + WRITER,
                    "GRANT INSERT, UPDATE ON shop.orders TO " + WRITER,
                    "GRANT CREATE ON SCHEMA shop TO " + WRITER);
        }
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        try (Connection admin = LocalPostgres.admin("postgres")) {
            execute(admin, "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)",
                    "DROP ROLE IF EXISTS " + READER, "DROP ROLE IF EXISTS " + WRITER);
        }
    }

    private static ConnectionSpec spec(String user) {
        return spec(HOST, PORT, DATABASE, user, TlsSettings.DISABLED, Map.of());
    }

    private static ConnectionSpec spec(String host, int port, String database, String user, TlsSettings tls,
            Map<String, String> options) {
        ConnectionSpec spec = new ConnectionSpec(host, port, database, user, options, tls, Duration.ofSeconds(5));
        DRIVER.validate(spec, false);
        return spec;
    }

    private static Connection connect(ConnectionSpec spec) throws SQLException {
        return DRIVER.dataSource(spec, () -> "any".toCharArray()).getConnection();
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    private static ConnectFailure failure(ConnectionSpec spec) {
        SQLException e = assertThrows(SQLException.class, () -> connect(spec).close());
        ConnectFailure failure = DRIVER.explain(e);
        assertFalse(failure.message().contains("\tat "), failure.message());
        assertFalse(failure.message().contains("Exception"), failure.message());
        return failure;
    }

    @Test
    void connectsAndSelectsOne() throws SQLException {
        try (Connection connection = connect(spec(SUPERUSER))) {
            assertEquals("1", single(connection, "SELECT 1"));
            assertEquals(DATABASE, single(connection, "SELECT current_database()"));
            assertEquals("Sightline", single(connection,
                    "SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()"));
            assertEquals("false", single(connection, "SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()"),
                    "TLS mode disable");
        }
    }

    @Test
    void optionsReachTheSession() throws SQLException {
        ConnectionSpec spec = spec(HOST, PORT, DATABASE, SUPERUSER, TlsSettings.DISABLED,
                Map.of("currentSchema", "shop", "ApplicationName", "Sightline test"));
        try (Connection connection = connect(spec)) {
            assertEquals("shop", single(connection, "SELECT current_schema()"));
            assertEquals("50", single(connection, "SELECT count(*) FROM customers"));
            assertEquals("Sightline test", single(connection, "SELECT current_setting('application_name')"));
        }
    }

    @Test
    void thePasswordIsAskedForEachConnectionAndCleared() throws SQLException {
        AtomicInteger asked = new AtomicInteger();
        List<char[]> handedOut = new ArrayList<>();
        PasswordSource password = () -> {
            asked.incrementAndGet();
            char[] secret = "reader-secret".toCharArray();
            handedOut.add(secret);
            return secret;
        };
        var dataSource = DRIVER.dataSource(spec(READER), password);
        try (Connection a = dataSource.getConnection(); Connection b = dataSource.getConnection()) {
            assertEquals(READER, single(a, "SELECT current_user"));
            assertEquals(READER, single(b, "SELECT current_user"));
        }
        assertEquals(2, asked.get());
        for (char[] secret : handedOut) {
            assertEquals("\0".repeat(13), new String(secret), "cleared after use");
        }
        // a data source without a password still connects (trust) and never reads ~/.pgpass
        try (Connection c = DRIVER.dataSource(spec(READER), () -> null).getConnection()) {
            assertEquals("1", single(c, "SELECT 1"));
        }
    }

    @Test
    void theConnectTimeoutDoesNotLimitQueries() throws SQLException {
        ConnectionSpec spec = new ConnectionSpec(HOST, PORT, DATABASE, SUPERUSER, Map.of(), null, Duration.ofSeconds(1));
        try (Connection connection = connect(spec)) {
            assertEquals(0, connection.getNetworkTimeout());
            assertEquals("", single(connection, "SELECT pg_sleep(1.5)::text"));
        }
    }

    @Test
    void tlsModesAgainstThisServer() throws SQLException {
        boolean serverTls;
        try (Connection connection = connect(spec(SUPERUSER))) {
            serverTls = "on".equals(single(connection, "SHOW ssl"));
        }
        ConnectionSpec require = spec(HOST, PORT, DATABASE, SUPERUSER, new TlsSettings(TlsSettings.Mode.REQUIRE, null), Map.of());
        ConnectionSpec verifyFull = spec(HOST, PORT, DATABASE, SUPERUSER,
                new TlsSettings(TlsSettings.Mode.VERIFY_FULL, null), Map.of());
        if (serverTls) {
            try (Connection connection = connect(require)) {
                assertEquals("true", single(connection, "SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()"));
            }
            // Debian's snakeoil certificate chains to nothing the JVM trusts
            ConnectFailure failure = failure(verifyFull);
            assertEquals(Step.TLS, failure.step(), failure.message());
        } else {
            String expected = "The server at 127.0.0.1:5432 does not accept TLS connections. Turn TLS on at the server, "
                    + "or set the TLS mode to disable.";
            assertEquals(new ConnectFailure(Step.TLS, expected), failure(require));
            assertEquals(new ConnectFailure(Step.TLS, expected), failure(verifyFull));
        }
    }

    @Test
    void aReadOnlySessionRefusesWrites() throws SQLException {
        try (Connection connection = connect(spec(SUPERUSER))) {
            DRIVER.prepareReadOnly(connection);
            assertTrue(connection.isReadOnly());
            assertEquals("50", single(connection, "SELECT count(*) FROM shop.customers"));
            SQLException e = assertThrows(SQLException.class, () -> execute(connection,
                    "INSERT INTO shop.customers VALUES (1000, 'x', NULL)"));
            assertEquals("25006", e.getSQLState(), e.getMessage());
            // also inside an explicit transaction, and after a rollback
            connection.setAutoCommit(false);
            connection.rollback();
            SQLException again = assertThrows(SQLException.class, () -> execute(connection,
                    "UPDATE shop.customers SET name = 'y' WHERE id = 1"));
            assertEquals("25006", again.getSQLState(), again.getMessage());
            connection.rollback();
        }
        try (Connection connection = connect(spec(SUPERUSER))) {
            connection.setAutoCommit(false);
            DRIVER.prepareReadOnly(connection);
            connection.rollback();
            SQLException e = assertThrows(SQLException.class, () -> execute(connection, "CREATE TABLE shop.nope (x int)"));
            assertEquals("25006", e.getSQLState(), e.getMessage());
        }
    }

    @Test
    void serverInfoReportsVersionTimeZoneAndConnectionLimit() throws SQLException {
        try (Connection connection = connect(spec(READER))) {
            ServerInfo info = DRIVER.serverInfo(connection);
            assertEquals("PostgreSQL", info.product());
            assertEquals(single(connection, "SHOW server_version"), info.version());
            assertTrue(info.version().matches("\\d+(\\.\\d+)?.*"), info.version());
            assertEquals(single(connection, "SHOW TimeZone"), info.timeZone());
            assertNotNull(info.timeZone());
            assertEquals(Integer.valueOf(single(connection, "SHOW max_connections")), info.maxConnections());
        }
    }

    @Test
    void schemaListsTheTablesViewsAndColumnsWithoutSystemSchemas() throws SQLException {
        List<SchemaInfo> schemas;
        try (Connection connection = connect(spec(SUPERUSER))) {
            schemas = DRIVER.schema(connection);
        }
        List<String> names = schemas.stream().map(SchemaInfo::name).toList();
        assertEquals(List.of("public", "shop"), names);
        SchemaInfo shop = schemas.get(1);
        assertEquals(List.of("big_orders", "customers", ODD_TABLE, "orders"),
                shop.tables().stream().map(SchemaInfo.Table::name).toList());
        SchemaInfo.Table customers = shop.tables().get(1);
        assertEquals(SchemaInfo.Kind.TABLE, customers.kind());
        assertEquals(List.of(new SchemaInfo.Column("id", "integer", false),
                new SchemaInfo.Column("name", "character varying(40)", false),
                new SchemaInfo.Column("email", "text", true)), customers.columns());
        SchemaInfo.Table view = shop.tables().get(0);
        assertEquals(SchemaInfo.Kind.VIEW, view.kind());
        assertEquals(List.of(new SchemaInfo.Column("id", "bigint", true),
                new SchemaInfo.Column("amount", "numeric(10,2)", true)), view.columns());
        assertEquals(List.of("id", "customer_id", "amount", "placed_at"),
                shop.tables().get(3).columns().stream().map(SchemaInfo.Column::name).toList());
        assertEquals("timestamp with time zone", shop.tables().get(3).columns().get(3).type());
        assertEquals(List.of(new SchemaInfo.Column("it's \"x\"", "integer", true)), shop.tables().get(2).columns());
        assertTrue(schemas.get(0).tables().isEmpty());
    }

    @Test
    void theReadOnlyUserSeesTheSameSchema() throws SQLException {
        try (Connection reader = connect(spec(READER)); Connection admin = connect(spec(SUPERUSER))) {
            assertEquals(DRIVER.schema(admin), DRIVER.schema(reader));
        }
    }

    @Test
    void writeAccessTellsSuperusersWritersAndReaders() throws SQLException {
        try (Connection connection = connect(spec(SUPERUSER))) {
            assertEquals(new WriteAccess(true, "superuser"), DRIVER.writeAccess(connection));
        }
        try (Connection connection = connect(spec(READER))) {
            assertEquals(new WriteAccess(false, "no privilege that changes data or schema"), DRIVER.writeAccess(connection));
        }
        try (Connection connection = connect(spec(WRITER))) {
            assertEquals(new WriteAccess(true, "INSERT, UPDATE on 1 table; CREATE in schema shop"),
                    DRIVER.writeAccess(connection));
        }
    }

    @Test
    void quotedIdentifiersWorkOnTheServer() throws SQLException {
        try (Connection connection = connect(spec(READER))) {
            assertEquals("42", single(connection, "SELECT " + DRIVER.quoteIdentifier("it's \"x\"") + " FROM "
                    + DRIVER.quoteIdentifier("shop") + "." + DRIVER.quoteIdentifier(ODD_TABLE)));
        }
    }

    @Test
    void limitRowsReturnsAtMostThatManyRows() throws SQLException {
        try (Connection connection = connect(spec(READER)); Statement statement = connection.createStatement()) {
            for (String sql : new String[] {"SELECT * FROM shop.customers ORDER BY id;  \n",
                "SELECT id, name FROM shop.customers -- every customer",
                "WITH c AS (SELECT id FROM shop.customers) SELECT id, id FROM c"}) {
                try (ResultSet rs = statement.executeQuery(DRIVER.limitRows(sql, 7))) {
                    int rows = 0;
                    while (rs.next()) {
                        rows++;
                    }
                    assertEquals(7, rows, sql);
                }
            }
        }
    }

    @Test
    void explainsAnUnknownDatabase() {
        ConnectFailure failure = failure(spec(HOST, PORT, DATABASE + "_missing", SUPERUSER, TlsSettings.DISABLED, Map.of()));
        assertEquals(new ConnectFailure(Step.DATABASE, "Database \"" + DATABASE + "_missing\" does not exist."), failure);
    }

    @Test
    void explainsAnUnknownUser() {
        ConnectFailure failure = failure(spec(HOST, PORT, DATABASE, "sl_nobody_here", TlsSettings.DISABLED, Map.of()));
        assertEquals(new ConnectFailure(Step.AUTHENTICATION,
                "The server refused the login: role \"sl_nobody_here\" does not exist."), failure);
    }

    @Test
    void explainsARefusedPort() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ConnectFailure failure = failure(spec(HOST, port, DATABASE, SUPERUSER, TlsSettings.DISABLED, Map.of()));
        assertEquals(Step.TCP, failure.step());
        assertTrue(failure.message().startsWith("Nothing answers at 127.0.0.1:" + port + ": the connection was refused."),
                failure.message());
    }

    @Test
    void explainsAServerThatNeverAnswers() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try (Socket ignored = silent.accept()) {
                    Thread.sleep(10_000);
                } catch (Exception e) {
                    // closed by the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            ConnectionSpec spec = new ConnectionSpec(HOST, silent.getLocalPort(), DATABASE, SUPERUSER, Map.of(), null,
                    Duration.ofSeconds(1));
            long start = System.nanoTime();
            ConnectFailure failure = failure(spec);
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "gave up after the connect timeout");
            assertEquals(new ConnectFailure(Step.TCP, "No answer from 127.0.0.1:" + silent.getLocalPort()
                    + " within 1 s. Check the host and the port, and any firewall between Sightline and the database "
                    + "server."), failure);
        }
    }

    @Test
    void explainsAnUnknownHost() {
        ConnectFailure failure = failure(spec("no-such-host.invalid", PORT, DATABASE, SUPERUSER, TlsSettings.DISABLED, Map.of()));
        assertEquals(new ConnectFailure(Step.DNS, "The host name no-such-host.invalid could not be found (DNS). "
                + "Check its spelling, or use the server's IP address."), failure);
    }
}
