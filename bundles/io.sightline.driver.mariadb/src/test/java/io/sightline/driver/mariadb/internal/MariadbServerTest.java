package io.sightline.driver.mariadb.internal;

import static io.sightline.driver.mariadb.internal.LocalMariadb.HOST;
import static io.sightline.driver.mariadb.internal.LocalMariadb.PORT;
import static io.sightline.driver.mariadb.internal.LocalMariadb.ROOT;
import static io.sightline.driver.mariadb.internal.LocalMariadb.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The driver against the real local MariaDB (DS-1 … DS-7). The test owns a database with tables,
 * a view, a reader, a writer and a role, all with unique names, and drops them afterwards.
 */
class MariadbServerTest {
    private static final MariadbDriver DRIVER = new MariadbDriver();
    private static final String DATABASE = LocalMariadb.uniqueName("sl_drv_test");
    private static final String READER = LocalMariadb.uniqueName("sl_ro");
    private static final String WRITER = LocalMariadb.uniqueName("sl_rw");
    private static final String ROLE = LocalMariadb.uniqueName("sl_role");
    private static final String READER_PASSWORD = "reader-secret";
    private static final String WRITER_PASSWORD = "writer-secret";
    private static final String ODD_TABLE = "odd`name";
    private static final String ODD_COLUMN = "it's \"x\"";

    @BeforeAll
    static void createDatabase() throws SQLException {
        String db = DRIVER.quoteIdentifier(DATABASE);
        try (Connection admin = LocalMariadb.admin()) {
            execute(admin,
                    "CREATE DATABASE " + db,
                    "CREATE TABLE " + db + ".customers (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, email TEXT)",
                    "CREATE TABLE " + db + ".orders (id BIGINT PRIMARY KEY, customer_id INT, amount DECIMAL(10,2),"
                            + " placed_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,"
                            + " FOREIGN KEY (customer_id) REFERENCES " + db + ".customers (id))",
                    "CREATE VIEW " + db + ".big_orders AS SELECT id, amount FROM " + db + ".orders WHERE amount > 100",
                    // named through the code under test: a backtick in the table name, quotes in the column's
                    "CREATE TABLE " + db + "." + DRIVER.quoteIdentifier(ODD_TABLE) + " (" + DRIVER.quoteIdentifier(ODD_COLUMN)
                            + " INT)",
                    "INSERT INTO " + db + "." + DRIVER.quoteIdentifier(ODD_TABLE) + " VALUES (42)",
                    "INSERT INTO " + db + ".customers SELECT seq, CONCAT('customer ', seq), NULL FROM " + db + ".seq_1_to_50",
                    "CREATE USER '" + READER + "'@'%' IDENTIFIED BY '" + READER_PASSWORD + "'",
                    "GRANT SELECT ON " + db + ".* TO '" + READER + "'@'%'",
                    "CREATE USER '" + WRITER + "'@'%' IDENTIFIED BY '" + WRITER_PASSWORD + "'",
                    "GRANT SELECT ON " + db + ".* TO '" + WRITER + "'@'%'",
                    "GRANT INSERT, UPDATE ON " + db + ".orders TO '" + WRITER + "'@'%'",
                    // WITH ADMIN: the role goes to the writer only, not also to root
                    "CREATE ROLE " + ROLE + " WITH ADMIN '" + WRITER + "'@'%'",
                    "GRANT DELETE ON " + db + ".* TO " + ROLE);
        }
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        try (Connection admin = LocalMariadb.admin()) {
            execute(admin, "DROP DATABASE IF EXISTS " + DRIVER.quoteIdentifier(DATABASE),
                    "DROP USER IF EXISTS '" + READER + "'@'%'", "DROP USER IF EXISTS '" + WRITER + "'@'%'",
                    "DROP ROLE IF EXISTS " + ROLE);
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

    private static String passwordOf(String user) {
        return user.equals(READER) ? READER_PASSWORD : user.equals(WRITER) ? WRITER_PASSWORD : "";
    }

    private static Connection connect(ConnectionSpec spec) throws SQLException {
        return DRIVER.dataSource(spec, () -> passwordOf(spec.user()).toCharArray()).getConnection();
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    private static ConnectFailure failure(ConnectionSpec spec, String password) {
        SQLException e = assertThrows(SQLException.class,
                () -> DRIVER.dataSource(spec, () -> password.toCharArray()).getConnection().close());
        ConnectFailure failure = DRIVER.explain(e);
        assertFalse(failure.message().contains("\tat "), failure.message());
        assertFalse(failure.message().contains("Exception"), failure.message());
        if (!password.isEmpty()) {
            assertFalse(failure.message().contains(password), failure.message());
        }
        return failure;
    }

    @Test
    void connectsAndSelectsOne() throws SQLException {
        try (Connection connection = connect(spec(ROOT))) {
            assertEquals("1", single(connection, "SELECT 1"));
            assertEquals(DATABASE, single(connection, "SELECT DATABASE()"));
            if ("1".equals(single(connection, "SELECT @@performance_schema"))) {
                // connection attributes are visible only with the performance schema (off by default)
                assertEquals("Sightline", single(connection, "SELECT ATTR_VALUE FROM performance_schema.session_connect_attrs"
                        + " WHERE PROCESSLIST_ID = CONNECTION_ID() AND ATTR_NAME = 'program_name'"));
            }
            assertEquals("", cipher(connection), "TLS mode disable");
        }
    }

    private static String cipher(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) {
            rs.next();
            return rs.getString(2);
        }
    }

    @Test
    void loadDataLocalInfileIsOff() throws Exception {
        Path file = Files.createTempFile("sightline-infile", ".csv");
        Files.writeString(file, "1000,secret,\n");
        try (Connection connection = connect(spec(ROOT))) {
            SQLException e = assertThrows(SQLException.class, () -> execute(connection, "LOAD DATA LOCAL INFILE '"
                    + file + "' INTO TABLE customers FIELDS TERMINATED BY ','"));
            assertNotNull(e.getMessage());
            assertEquals("50", single(connection, "SELECT COUNT(*) FROM customers"));
            assertThrows(SQLException.class, () -> execute(connection, "SELECT 1; SELECT 2"), "no multi-queries");
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void optionsReachTheSession() throws SQLException {
        ConnectionSpec spec = spec(HOST, PORT, DATABASE, ROOT, TlsSettings.DISABLED,
                Map.of("connectionCollation", "utf8mb4_unicode_ci", "useCompression", "true"));
        try (Connection connection = connect(spec)) {
            assertEquals("utf8mb4_unicode_ci", single(connection, "SELECT @@collation_connection"));
            assertEquals("ON", cipherOr(connection, "Compression"));
        }
    }

    private static String cipherOr(Connection connection, String status) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SHOW SESSION STATUS LIKE '" + status + "'")) {
            rs.next();
            return rs.getString(2);
        }
    }

    @Test
    void thePasswordIsAskedForEachConnectionAndCleared() throws SQLException {
        AtomicInteger asked = new AtomicInteger();
        List<char[]> handedOut = new ArrayList<>();
        PasswordSource password = () -> {
            asked.incrementAndGet();
            char[] secret = READER_PASSWORD.toCharArray();
            handedOut.add(secret);
            return secret;
        };
        var dataSource = DRIVER.dataSource(spec(READER), password);
        try (Connection a = dataSource.getConnection(); Connection b = dataSource.getConnection()) {
            assertTrue(single(a, "SELECT CURRENT_USER()").startsWith(READER + "@"));
            assertEquals("1", single(b, "SELECT 1"));
        }
        assertEquals(2, asked.get());
        for (char[] secret : handedOut) {
            assertEquals("\0".repeat(READER_PASSWORD.length()), new String(secret), "cleared after use");
        }
    }

    @Test
    void theConnectTimeoutDoesNotLimitQueries() throws SQLException {
        ConnectionSpec spec = new ConnectionSpec(HOST, PORT, DATABASE, ROOT, Map.of(), null, Duration.ofSeconds(1));
        try (Connection connection = connect(spec)) {
            assertEquals(0, connection.getNetworkTimeout());
            assertEquals("0", single(connection, "SELECT SLEEP(1.5)"));
        }
    }

    @Test
    void tlsModesAgainstThisServer() throws SQLException {
        String haveSsl;
        try (Connection connection = connect(spec(ROOT))) {
            haveSsl = single(connection, "SELECT @@have_ssl");
        }
        ConnectionSpec require = spec(HOST, PORT, DATABASE, ROOT, new TlsSettings(TlsSettings.Mode.REQUIRE, null), Map.of());
        ConnectionSpec verifyFull = spec(HOST, PORT, DATABASE, ROOT, new TlsSettings(TlsSettings.Mode.VERIFY_FULL, null),
                Map.of());
        if ("YES".equals(haveSsl)) {
            try (Connection connection = connect(require)) {
                assertFalse(cipher(connection).isEmpty());
            }
            assertEquals(Step.TLS, failure(verifyFull, "").step());
        } else {
            String expected = "The server at 127.0.0.1:3306 does not accept TLS connections. Turn TLS on at the server, "
                    + "or set the TLS mode to disable.";
            assertEquals(new ConnectFailure(Step.TLS, expected), failure(require, ""));
            assertEquals(new ConnectFailure(Step.TLS, expected), failure(verifyFull, ""));
        }
    }

    @Test
    void aReadOnlySessionRefusesWrites() throws SQLException {
        try (Connection connection = connect(spec(ROOT))) {
            DRIVER.prepareReadOnly(connection);
            assertEquals("50", single(connection, "SELECT COUNT(*) FROM customers"));
            SQLException e = assertThrows(SQLException.class,
                    () -> execute(connection, "INSERT INTO customers VALUES (1000, 'x', NULL)"));
            assertEquals(1792, e.getErrorCode(), e.getMessage());
            assertEquals("25006", e.getSQLState());
            connection.setAutoCommit(false);
            SQLException again = assertThrows(SQLException.class,
                    () -> execute(connection, "UPDATE customers SET name = 'y' WHERE id = 1"));
            assertEquals(1792, again.getErrorCode(), again.getMessage());
            connection.rollback();
            assertEquals("customer 1", single(connection, "SELECT name FROM customers WHERE id = 1"));
        }
    }

    @Test
    void serverInfoReportsVersionTimeZoneAndConnectionLimit() throws SQLException {
        try (Connection connection = connect(spec(READER))) {
            ServerInfo info = DRIVER.serverInfo(connection);
            assertEquals("MariaDB", info.product());
            assertEquals(single(connection, "SELECT VERSION()"), info.version());
            String zone = single(connection, "SELECT @@time_zone");
            assertEquals("SYSTEM".equals(zone) ? single(connection, "SELECT @@system_time_zone") : zone, info.timeZone());
            assertFalse("SYSTEM".equals(info.timeZone()));
            assertEquals(Integer.valueOf(single(connection, "SELECT @@max_connections")), info.maxConnections());
        }
    }

    @Test
    void schemaListsTheTablesViewsAndColumnsWithoutSystemSchemas() throws SQLException {
        List<SchemaInfo> schemas;
        try (Connection connection = connect(spec(ROOT))) {
            schemas = DRIVER.schema(connection);
        }
        List<String> names = schemas.stream().map(SchemaInfo::name).toList();
        for (String system : List.of("information_schema", "mysql", "performance_schema", "sys")) {
            assertFalse(names.contains(system), system);
        }
        assertEquals(names.stream().sorted().toList(), names, "sorted");
        SchemaInfo mine = schemas.stream().filter(s -> s.name().equals(DATABASE)).findFirst().orElseThrow();
        assertEquals(List.of("big_orders", "customers", ODD_TABLE, "orders"),
                mine.tables().stream().map(SchemaInfo.Table::name).toList());
        SchemaInfo.Table customers = mine.tables().get(1);
        assertEquals(SchemaInfo.Kind.TABLE, customers.kind());
        assertEquals(List.of(new SchemaInfo.Column("id", "int(11)", false),
                new SchemaInfo.Column("name", "varchar(40)", false),
                new SchemaInfo.Column("email", "text", true)), customers.columns());
        SchemaInfo.Table view = mine.tables().get(0);
        assertEquals(SchemaInfo.Kind.VIEW, view.kind());
        assertEquals(List.of("id", "amount"), view.columns().stream().map(SchemaInfo.Column::name).toList());
        assertEquals("decimal(10,2)", view.columns().get(1).type());
        assertEquals(List.of("id", "customer_id", "amount", "placed_at"),
                mine.tables().get(3).columns().stream().map(SchemaInfo.Column::name).toList());
        assertEquals(new SchemaInfo.Column("placed_at", "datetime", false), mine.tables().get(3).columns().get(3));
        assertEquals(List.of(new SchemaInfo.Column(ODD_COLUMN, "int(11)", true)), mine.tables().get(2).columns());
    }

    @Test
    void theReaderSeesOnlyItsOwnDatabase() throws SQLException {
        try (Connection reader = connect(spec(READER)); Connection root = connect(spec(ROOT))) {
            List<SchemaInfo> seen = DRIVER.schema(reader);
            assertEquals(List.of(DATABASE), seen.stream().map(SchemaInfo::name).toList());
            assertEquals(DRIVER.schema(root).stream().filter(s -> s.name().equals(DATABASE)).toList(), seen);
        }
    }

    @Test
    void writeAccessTellsAdminsWritersAndReaders() throws SQLException {
        try (Connection connection = connect(spec(ROOT))) {
            assertEquals(new WriteAccess(true, "ALL PRIVILEGES on *.*"), DRIVER.writeAccess(connection));
        }
        try (Connection connection = connect(spec(READER))) {
            assertEquals(new WriteAccess(false, "no privilege that changes data or schema"), DRIVER.writeAccess(connection));
        }
        try (Connection connection = connect(spec(WRITER))) {
            // DELETE comes through a role that is granted but not active
            assertEquals(new WriteAccess(true, "INSERT, UPDATE on " + DATABASE + ".orders; DELETE on " + DATABASE + ".*"),
                    DRIVER.writeAccess(connection));
            assertEquals(null, single(connection, "SELECT CURRENT_ROLE()"), "the session's role is restored");
            execute(connection, "SET ROLE " + ROLE);
            assertEquals(new WriteAccess(true, "INSERT, UPDATE on " + DATABASE + ".orders; DELETE on " + DATABASE + ".*"),
                    DRIVER.writeAccess(connection));
            assertEquals(ROLE, single(connection, "SELECT CURRENT_ROLE()"), "the session's role is restored");
        }
    }

    @Test
    void quotedIdentifiersWorkOnTheServer() throws SQLException {
        try (Connection connection = connect(spec(READER))) {
            assertEquals("42", single(connection, "SELECT " + DRIVER.quoteIdentifier(ODD_COLUMN) + " FROM "
                    + DRIVER.quoteIdentifier(DATABASE) + "." + DRIVER.quoteIdentifier(ODD_TABLE)));
        }
    }

    @Test
    void limitRowsReturnsAtMostThatManyRows() throws SQLException {
        try (Connection connection = connect(spec(READER)); Statement statement = connection.createStatement()) {
            for (String sql : new String[] {"SELECT * FROM customers ORDER BY id;  \n",
                "SELECT id, name FROM customers -- every customer",
                "WITH c AS (SELECT id FROM customers) SELECT id FROM c"}) {
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
    void explainsAWrongPassword() {
        ConnectFailure failure = failure(spec(READER), "not-the-password");
        assertEquals(Step.AUTHENTICATION, failure.step());
        assertTrue(failure.message().startsWith("The server refused the login: Access denied for user '" + READER + "'@"),
                failure.message());
        assertFalse(failure.message().contains("conn="), failure.message());
    }

    @Test
    void explainsAnUnknownDatabase() {
        ConnectFailure failure = failure(spec(HOST, PORT, DATABASE + "_missing", ROOT, TlsSettings.DISABLED, Map.of()), "");
        assertEquals(new ConnectFailure(Step.DATABASE, "Unknown database '" + DATABASE + "_missing'."), failure);
    }

    @Test
    void explainsADatabaseTheUserMayNotUse() {
        ConnectFailure failure = failure(spec(HOST, PORT, "mysql", READER, TlsSettings.DISABLED, Map.of()), READER_PASSWORD);
        assertEquals(Step.DATABASE, failure.step(), failure.message());
        assertTrue(failure.message().contains("to database 'mysql'"), failure.message());
    }

    @Test
    void explainsARefusedPort() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ConnectFailure failure = failure(spec(HOST, port, DATABASE, ROOT, TlsSettings.DISABLED, Map.of()), "");
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
            ConnectionSpec spec = new ConnectionSpec(HOST, silent.getLocalPort(), DATABASE, ROOT, Map.of(), null,
                    Duration.ofSeconds(1));
            long start = System.nanoTime();
            ConnectFailure failure = failure(spec, "");
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "gave up after the connect timeout");
            assertEquals(new ConnectFailure(Step.TCP, "No answer from 127.0.0.1:" + silent.getLocalPort()
                    + " within 1 s. Check the host and the port, and any firewall between Sightline and the database "
                    + "server."), failure);
        }
    }

    @Test
    void explainsAnUnknownHost() {
        ConnectFailure failure = failure(spec("no-such-host.invalid", PORT, DATABASE, ROOT, TlsSettings.DISABLED, Map.of()), "");
        assertEquals(new ConnectFailure(Step.DNS, "The host name no-such-host.invalid could not be found (DNS). "
                + "Check its spelling, or use the server's IP address."), failure);
    }
}
