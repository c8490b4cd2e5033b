package io.sightline.driver.derby.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
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

/** The driver against a real Derby network server with BUILTIN authentication. */
class DerbyNetworkTest {
    private static final String DATABASE = "sales";
    private static DerbyTestServer server;
    private final DerbyDriver driver = new DerbyDriver();

    @BeforeAll
    static void startServer() throws Exception {
        DerbyTestServer.createDatabase(DATABASE, "owner", "owner-pw",
                "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.connection.requireAuthentication', 'true')",
                "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.authentication.provider', 'BUILTIN')",
                "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.user.owner', 'owner-pw')",
                "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.user.ann', 'ann-secret')",
                "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.user.reader', 'reader-pw')",
                "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.database.readOnlyAccessUsers', 'reader')",
                "CREATE SCHEMA SALES",
                "CREATE TABLE SALES.ORDERS (ID INT NOT NULL PRIMARY KEY, CUSTOMER VARCHAR(40), AMOUNT DECIMAL(10,2))",
                "INSERT INTO SALES.ORDERS VALUES (1, 'a', 1.50), (2, 'b', 2), (3, 'c', 3), (4, 'd', 4), (5, 'e', 5),"
                        + " (6, 'f', 6), (7, 'g', 7), (8, 'h', 8), (9, 'i', 9), (10, 'j', 10)",
                "CREATE VIEW SALES.BIG_ORDERS AS SELECT ID, AMOUNT FROM SALES.ORDERS WHERE AMOUNT > 5",
                "CREATE TABLE SALES.\"odd\"\"name\" (X INT)",
                "INSERT INTO SALES.\"odd\"\"name\" VALUES (42)",
                "CREATE TABLE APP.NOTES (NOTE CLOB)");
        server = DerbyTestServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static ConnectionSpec spec(String user) {
        return spec(user, DATABASE, server.port, Map.of());
    }

    private static ConnectionSpec spec(String user, String database, int port, Map<String, String> options) {
        return new ConnectionSpec("127.0.0.1", port, database, user, options, TlsSettings.DISABLED,
                Duration.ofSeconds(5));
    }

    /** Hands out a fresh array each time and remembers it, so tests can see it was cleared. */
    static final class RecordingPassword implements PasswordSource {
        final String value;
        final List<char[]> handedOut = new ArrayList<>();

        RecordingPassword(String value) {
            this.value = value;
        }

        @Override
        public char[] password() {
            char[] copy = value.toCharArray();
            handedOut.add(copy);
            return copy;
        }

        boolean allCleared() {
            return !handedOut.isEmpty() && handedOut.stream().allMatch(a -> new String(a).chars().allMatch(c -> c == 0));
        }
    }

    private Connection connect(String user, String password) throws SQLException {
        ConnectionSpec spec = spec(user);
        driver.validate(spec, false);
        return driver.dataSource(spec, new RecordingPassword(password)).getConnection();
    }

    static int count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int rows = 0;
            while (rs.next()) {
                rows++;
            }
            return rows;
        }
    }

    @Test
    void connectsAndSelectsOneAndClearsThePassword() throws Exception {
        RecordingPassword password = new RecordingPassword("ann-secret");
        ConnectionSpec spec = spec("ann");
        driver.validate(spec, false);
        try (Connection c = driver.dataSource(spec, password).getConnection();
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery("VALUES 1")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
        }
        assertTrue(password.allCleared(), "the password array is cleared after connecting");
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailureWithoutThePassword() {
        RecordingPassword password = new RecordingPassword("not-the-password");
        SQLException e = assertThrows(SQLException.class,
                () -> driver.dataSource(spec("ann"), password).getConnection());
        ConnectFailure failure = driver.explain(e);
        assertEquals(Step.AUTHENTICATION, failure.step(), failure.message());
        assertTrue(failure.message().contains("ann"), failure.message());
        assertFalse(failure.message().contains("not-the-password"));
        assertFalse(e.getMessage().contains("not-the-password"));
        assertTrue(password.allCleared());
    }

    @Test
    void unknownDatabaseIsADatabaseFailure() {
        SQLException e = assertThrows(SQLException.class, () -> driver.dataSource(
                spec("ann", "nosuchdb", server.port, Map.of()), new RecordingPassword("ann-secret")).getConnection());
        ConnectFailure failure = driver.explain(e);
        assertEquals(Step.DATABASE, failure.step(), failure.message());
        assertTrue(failure.message().contains("nosuchdb"), failure.message());
    }

    @Test
    void refusedPortIsATcpFailure() throws Exception {
        int closed = DerbyTestServer.freePort();
        SQLException e = assertThrows(SQLException.class, () -> driver.dataSource(
                spec("ann", DATABASE, closed, Map.of()), new RecordingPassword("x")).getConnection());
        ConnectFailure failure = driver.explain(e);
        assertEquals(Step.TCP, failure.step());
        assertEquals("Nothing answers at 127.0.0.1:" + closed
                + ": no server listens there, or a firewall refuses the connection.", failure.message());
    }

    @Test
    void unknownHostIsADnsFailure() {
        ConnectionSpec spec = new ConnectionSpec("no-such-host.invalid", 1527, DATABASE, "ann", Map.of(), null,
                Duration.ofSeconds(5));
        driver.validate(spec, false);
        SQLException e = assertThrows(SQLException.class,
                () -> driver.dataSource(spec, new RecordingPassword("x")).getConnection());
        ConnectFailure failure = driver.explain(e);
        assertEquals(Step.DNS, failure.step());
        assertTrue(failure.message().contains("no-such-host.invalid"), failure.message());
    }

    @Test
    void aServerThatNeverAnswersFailsWithinTheConnectTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            ConnectionSpec spec = new ConnectionSpec("127.0.0.1", silent.getLocalPort(), DATABASE, "ann", Map.of(),
                    null, Duration.ofSeconds(2));
            long start = System.nanoTime();
            SQLException e = assertThrows(SQLException.class,
                    () -> driver.dataSource(spec, new RecordingPassword("x")).getConnection());
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertTrue(seconds < 10, "gave up after " + seconds + " s");
            ConnectFailure failure = driver.explain(e);
            assertEquals(Step.TCP, failure.step(), failure.message());
            assertTrue(failure.message().startsWith("No answer from 127.0.0.1:" + silent.getLocalPort()
                    + " within 2 seconds"), failure.message());
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void networkClientIgnoresSetReadOnlySoTheDatabaseMustMakeUsersReadOnly() throws Exception {
        // Documents Derby's behaviour: ClientConnection.setReadOnly is only a hint.
        try (Connection c = connect("ann", "ann-secret")) {
            driver.prepareReadOnly(c);
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                assertEquals(1, st.executeUpdate("INSERT INTO SALES.ORDERS VALUES (100, 'x', 1)"));
            }
            c.rollback();
        }
        // What works: a user the database lists in derby.database.readOnlyAccessUsers.
        try (Connection c = connect("reader", "reader-pw")) {
            driver.prepareReadOnly(c);
            SQLException e = assertThrows(SQLException.class, () -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO SALES.ORDERS VALUES (101, 'x', 1)");
                }
            });
            assertEquals("25502", e.getSQLState());
            assertEquals(Step.QUERY, driver.explain(e).step());
            assertEquals(10, count(c, "SELECT * FROM SALES.ORDERS"));
        }
    }

    @Test
    void writeAccessTellsFullAccessFromReadOnlyUsers() throws Exception {
        try (Connection c = connect("ann", "ann-secret")) {
            WriteAccess access = driver.writeAccess(c);
            assertTrue(access.canWrite());
            assertTrue(access.detail().contains("SQL authorization is off"), access.detail());
        }
        try (Connection c = connect("reader", "reader-pw")) {
            WriteAccess access = driver.writeAccess(c);
            assertFalse(access.canWrite(), access.detail());
            assertTrue(access.detail().contains("read-only"), access.detail());
        }
        try (Connection c = connect("owner", "owner-pw")) {
            WriteAccess access = driver.writeAccess(c);
            assertTrue(access.canWrite());
            assertTrue(access.detail().contains("owns the database"), access.detail());
        }
    }

    @Test
    void serverInfo() throws Exception {
        try (Connection c = connect("ann", "ann-secret")) {
            ServerInfo info = driver.serverInfo(c);
            assertEquals("Apache Derby", info.product());
            assertTrue(info.version().startsWith("10.14.2.0"), info.version());
            assertNotNull(info.timeZone());
            assertTrue(info.timeZone().startsWith("UTC"), info.timeZone());
            assertNull(info.maxConnections());
        }
    }

    @Test
    void schemaListsTablesViewsAndColumnsWithoutSystemSchemas() throws Exception {
        try (Connection c = connect("ann", "ann-secret")) {
            List<SchemaInfo> schemas = driver.schema(c);
            List<String> names = schemas.stream().map(SchemaInfo::name).toList();
            assertTrue(names.contains("SALES") && names.contains("APP"), names.toString());
            assertTrue(names.stream().noneMatch(n -> n.startsWith("SYS") || n.equals("SQLJ") || n.equals("NULLID")),
                    names.toString());
            assertEquals(names.stream().sorted().toList(), names);
            SchemaInfo sales = schemas.stream().filter(s -> s.name().equals("SALES")).findFirst().orElseThrow();
            assertEquals(List.of("BIG_ORDERS", "ORDERS", "odd\"name"),
                    sales.tables().stream().map(SchemaInfo.Table::name).toList());
            SchemaInfo.Table orders = sales.tables().get(1);
            assertEquals(SchemaInfo.Kind.TABLE, orders.kind());
            assertEquals(List.of(new SchemaInfo.Column("ID", "INTEGER", false),
                    new SchemaInfo.Column("CUSTOMER", "VARCHAR(40)", true),
                    new SchemaInfo.Column("AMOUNT", "DECIMAL(10,2)", true)), orders.columns());
            assertEquals(SchemaInfo.Kind.VIEW, sales.tables().get(0).kind());
            assertEquals(List.of("ID", "AMOUNT"),
                    sales.tables().get(0).columns().stream().map(SchemaInfo.Column::name).toList());
        }
    }

    @Test
    void quotedIdentifierWithADoubleQuoteWorks() throws Exception {
        try (Connection c = connect("ann", "ann-secret"); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT X FROM " + driver.quoteIdentifier("SALES") + "."
                        + driver.quoteIdentifier("odd\"name"))) {
            assertTrue(rs.next());
            assertEquals(42, rs.getInt(1));
        }
    }

    @Test
    void limitRowsReturnsAtMostNRows() throws Exception {
        try (Connection c = connect("ann", "ann-secret")) {
            assertEquals(3, count(c, driver.limitRows("SELECT * FROM SALES.ORDERS ORDER BY ID DESC;", 3)));
            assertEquals(4, count(c, driver.limitRows("SELECT * FROM SALES.ORDERS -- all of them", 4)));
            assertEquals(10, count(c, driver.limitRows("SELECT * FROM SALES.ORDERS", 50)));
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    driver.limitRows("SELECT ID FROM SALES.ORDERS ORDER BY ID DESC", 1))) {
                assertTrue(rs.next());
                assertEquals(10, rs.getInt(1));
            }
        }
    }

    @Test
    void allowedOptionsWork() throws Exception {
        for (Map<String, String> options : List.of(Map.of("retrieveMessageText", "false"),
                Map.of("retrieveMessageText", "true"), Map.of("create", "false"))) {
            ConnectionSpec spec = spec("ann", DATABASE, server.port, options);
            driver.validate(spec, false);
            try (Connection c = driver.dataSource(spec, new RecordingPassword("ann-secret")).getConnection()) {
                assertEquals(1, count(c, "VALUES 1"), options.toString());
            }
        }
    }

    @Test
    void queryErrorsAreExplainedAsQueryFailures() throws Exception {
        try (Connection c = connect("ann", "ann-secret"); Statement st = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> st.executeQuery("SELECT * FROM APP.NOPE"));
            ConnectFailure failure = driver.explain(e);
            assertEquals(Step.QUERY, failure.step());
            assertTrue(failure.message().contains("NOPE"), failure.message());
        }
    }
}
