package io.sightline.driver.h2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
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
import java.util.Properties;

import org.h2.tools.Server;
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
 * The driver against a real H2 TCP server in the test JVM. The server is started as a careful
 * operator would: without -tcpAllowOthers (loopback only) and without -ifNotExists (clients cannot
 * create databases); the database is created beforehand in its base directory.
 */
class H2NetworkTest {
    private static Path baseDir;
    private static Server server;
    private static int port;
    private final H2Driver driver = new H2Driver();

    @BeforeAll
    static void startServer() throws Exception {
        baseDir = Files.createTempDirectory("h2-server");
        createDatabase(baseDir.resolve("sales"),
                "CREATE SCHEMA SALES",
                "CREATE TABLE SALES.ORDERS (ID INT NOT NULL PRIMARY KEY, CUSTOMER VARCHAR(40), AMOUNT DECIMAL(10,2))",
                "INSERT INTO SALES.ORDERS SELECT X, 'c' || X, X * 1.5 FROM SYSTEM_RANGE(1, 10)",
                "CREATE VIEW SALES.BIG_ORDERS AS SELECT ID, AMOUNT FROM SALES.ORDERS WHERE AMOUNT > 5",
                "CREATE TABLE SALES.\"odd\"\"name\" (X INT)",
                "INSERT INTO SALES.\"odd\"\"name\" VALUES (42)",
                "CREATE USER ANN PASSWORD 'ann-secret'",
                "GRANT SELECT ON SCHEMA SALES TO ANN",
                "CREATE USER WRITER PASSWORD 'writer-pw'",
                "GRANT SELECT, INSERT, UPDATE ON SALES.ORDERS TO WRITER",
                "CREATE USER OWNER2 PASSWORD 'owner2-pw'",
                "CREATE SCHEMA SCRATCH AUTHORIZATION OWNER2");
        Files.createDirectories(baseDir.resolve("team"));
        createDatabase(baseDir.resolve("team/reports"), "CREATE USER ANN PASSWORD 'ann-secret'",
                "CREATE TABLE R (X INT)", "CREATE ROLE LOADER", "GRANT INSERT ON R TO LOADER", "GRANT LOADER TO ANN",
                "GRANT SELECT ON R TO ANN");
        server = Server.createTcpServer("-tcpPort", "0", "-baseDir", baseDir.toString()).start();
        port = server.getPort();
    }

    /** Creates a database file with the administrator OWNER, as its operator would. */
    static void createDatabase(Path path, String... setup) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", "owner");
        credentials.setProperty("password", "owner-pw");
        try (Connection c = new org.h2.Driver().connect("jdbc:h2:file:" + path, credentials);
                Statement st = c.createStatement()) {
            for (String sql : setup) {
                st.execute(sql);
            }
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
        }
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
        return connect(user, password, Map.of());
    }

    private Connection connect(String user, String password, Map<String, String> options) throws SQLException {
        ConnectionSpec spec = spec(user, "sales", port, options);
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
        ConnectionSpec spec = spec("ann", "sales", port, Map.of());
        driver.validate(spec, false);
        try (Connection c = driver.dataSource(spec, password).getConnection();
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
            assertEquals(0, c.getNetworkTimeout(), "the login timeout does not stay on the connection");
        }
        assertTrue(password.allCleared(), "the password array is cleared after connecting");
    }

    @Test
    void databasesInSubFoldersOfTheServer() throws Exception {
        ConnectionSpec spec = spec("ann", "team/reports", port, Map.of());
        driver.validate(spec, false);
        try (Connection c = driver.dataSource(spec, new RecordingPassword("ann-secret")).getConnection()) {
            assertEquals(1, count(c, "SELECT 1"));
        }
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailureWithoutThePassword() {
        RecordingPassword password = new RecordingPassword("not-the-password");
        SQLException e = assertThrows(SQLException.class,
                () -> driver.dataSource(spec("ann", "sales", port, Map.of()), password).getConnection());
        ConnectFailure failure = driver.explain(e);
        assertEquals(Step.AUTHENTICATION, failure.step(), failure.message());
        assertEquals("H2 did not accept the user name or password for user ann.", failure.message());
        assertFalse(e.getMessage().contains("not-the-password"));
        assertTrue(password.allCleared());
    }

    @Test
    void unknownDatabaseIsADatabaseFailureAndIsNotCreated() {
        SQLException e = assertThrows(SQLException.class, () -> driver.dataSource(
                spec("ann", "nosuchdb", port, Map.of()), new RecordingPassword("ann-secret")).getConnection());
        ConnectFailure failure = driver.explain(e);
        assertEquals(Step.DATABASE, failure.step(), failure.message());
        assertEquals("Database nosuchdb was not found on the H2 server. Sightline only opens existing H2 databases.",
                failure.message());
        assertFalse(Files.exists(baseDir.resolve("nosuchdb.mv.db")));
    }

    @Test
    void refusedPortIsATcpFailure() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        int refused = closed;
        SQLException e = assertThrows(SQLException.class, () -> driver.dataSource(
                spec("ann", "sales", refused, Map.of()), new RecordingPassword("x")).getConnection());
        ConnectFailure failure = driver.explain(e);
        assertEquals(Step.TCP, failure.step());
        assertEquals("Nothing answers at 127.0.0.1:" + closed
                + ": no server listens there, or a firewall refuses the connection.", failure.message());
    }

    @Test
    void unknownHostIsADnsFailure() {
        ConnectionSpec spec = new ConnectionSpec("no-such-host.invalid", 9092, "sales", "ann", Map.of(), null, null);
        driver.validate(spec, false);
        SQLException e = assertThrows(SQLException.class,
                () -> driver.dataSource(spec, new RecordingPassword("x")).getConnection());
        assertEquals(Step.DNS, driver.explain(e).step());
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
            ConnectionSpec spec = new ConnectionSpec("127.0.0.1", silent.getLocalPort(), "sales", "ann", Map.of(),
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
    void setReadOnlyIsOnlyAHintInH2SoTheUsersRightsMustForbidWriting() throws Exception {
        // Documents H2's behaviour: after prepareReadOnly, a user with INSERT rights still inserts.
        try (Connection c = connect("writer", "writer-pw")) {
            driver.prepareReadOnly(c);
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                assertEquals(1, st.executeUpdate("INSERT INTO SALES.ORDERS VALUES (100, 'x', 1)"));
            }
            c.rollback();
        }
        // ACCESS_MODE_DATA=r is no way out over TCP. On a database that is open already, it is ignored:
        Properties credentials = new Properties();
        credentials.setProperty("user", "writer");
        credentials.setProperty("password", "writer-pw");
        org.h2.Driver h2 = new org.h2.Driver();
        String plain = "jdbc:h2:tcp://127.0.0.1:" + port + "/sales;IFEXISTS=TRUE";
        try (Connection holder = h2.connect(plain, credentials);
                Connection c = h2.connect(plain + ";ACCESS_MODE_DATA=r", credentials)) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                assertEquals(1, st.executeUpdate("INSERT INTO SALES.ORDERS VALUES (101, 'x', 1)"));
            }
            c.rollback();
        }
        // and when it is what opens the database, the whole database is read-only for everyone until it closes.
        try (Connection c = h2.connect(plain + ";ACCESS_MODE_DATA=r", credentials);
                Connection other = h2.connect(plain, credentials); Statement st = other.createStatement()) {
            SQLException e = assertThrows(SQLException.class,
                    () -> st.executeUpdate("INSERT INTO SALES.ORDERS VALUES (101, 'x', 1)"));
            assertEquals(90097, e.getErrorCode(), "The database is read only");
        }
        // What works: a user with SELECT rights only.
        try (Connection c = connect("ann", "ann-secret")) {
            driver.prepareReadOnly(c);
            SQLException e = assertThrows(SQLException.class, () -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO SALES.ORDERS VALUES (102, 'x', 1)");
                }
            });
            assertEquals(Step.QUERY, driver.explain(e).step());
            assertTrue(driver.explain(e).message().contains("Not enough rights"), driver.explain(e).message());
            assertEquals(10, count(c, "SELECT * FROM SALES.ORDERS"));
        }
    }

    @Test
    void writeAccess() throws Exception {
        try (Connection c = connect("ann", "ann-secret")) {
            WriteAccess access = driver.writeAccess(c);
            assertFalse(access.canWrite(), access.detail());
        }
        try (Connection c = connect("writer", "writer-pw")) {
            WriteAccess access = driver.writeAccess(c);
            assertTrue(access.canWrite());
            assertEquals("User WRITER holds INSERT on 1 table, holds UPDATE on 1 table. A user with SELECT rights"
                    + " only is recommended.", access.detail());
        }
        try (Connection c = connect("owner2", "owner2-pw")) {
            WriteAccess access = driver.writeAccess(c);
            assertTrue(access.canWrite());
            assertTrue(access.detail().contains("owns schema SCRATCH"), access.detail());
        }
        try (Connection c = connect("owner", "owner-pw")) {
            WriteAccess access = driver.writeAccess(c);
            assertTrue(access.canWrite());
            assertTrue(access.detail().contains("admin rights"), access.detail());
        }
        ConnectionSpec reports = spec("ann", "team/reports", port, Map.of());
        try (Connection c = driver.dataSource(reports, new RecordingPassword("ann-secret")).getConnection()) {
            WriteAccess access = driver.writeAccess(c);
            assertTrue(access.canWrite(), "a role with write rights may be the user's: assume it is");
            assertTrue(access.detail().contains("may hold role LOADER"), access.detail());
        }
    }

    @Test
    void serverInfo() throws Exception {
        try (Connection c = connect("ann", "ann-secret")) {
            ServerInfo info = driver.serverInfo(c);
            assertEquals("H2", info.product());
            assertTrue(info.version().startsWith("2.3.232"), info.version());
            assertEquals(java.time.ZoneId.systemDefault().normalized(), java.time.ZoneId.of(info.timeZone()).normalized());
            assertNull(info.maxConnections());
        }
    }

    @Test
    void schemaListsTablesViewsAndColumnsWithoutInformationSchema() throws Exception {
        try (Connection c = connect("owner", "owner-pw")) {
            List<SchemaInfo> schemas = driver.schema(c);
            List<String> names = schemas.stream().map(SchemaInfo::name).toList();
            assertEquals(List.of("PUBLIC", "SALES", "SCRATCH"), names);
            SchemaInfo sales = schemas.get(1);
            assertEquals(List.of("BIG_ORDERS", "ORDERS", "odd\"name"),
                    sales.tables().stream().map(SchemaInfo.Table::name).toList());
            assertEquals(SchemaInfo.Kind.VIEW, sales.tables().get(0).kind());
            SchemaInfo.Table orders = sales.tables().get(1);
            assertEquals(SchemaInfo.Kind.TABLE, orders.kind());
            assertEquals(List.of(new SchemaInfo.Column("ID", "INTEGER", false),
                    new SchemaInfo.Column("CUSTOMER", "CHARACTER VARYING(40)", true),
                    new SchemaInfo.Column("AMOUNT", "DECIMAL(10,2)", true)), orders.columns());
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
    void allowedSettingsApplyToTheSession() throws Exception {
        try (Connection c = connect("ann", "ann-secret", Map.of("MODE", "postgresql", "schema", "SALES",
                "LOCK_TIMEOUT", "1500")); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT CURRENT_SCHEMA")) {
                rs.next();
                assertEquals("SALES", rs.getString(1));
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'MODE'")) {
                rs.next();
                assertEquals("PostgreSQL", rs.getString(1));
            }
            assertEquals(10, count(c, "SELECT * FROM ORDERS"));
        }
        SQLException e = assertThrows(SQLException.class, () -> connect("ann", "ann-secret", Map.of("SCHEMA", "NOPE")));
        assertEquals(Step.DATABASE, driver.explain(e).step());
        assertTrue(driver.explain(e).message().contains("NOPE"), driver.explain(e).message());
    }

    @Test
    void queryErrorsAreExplainedAsQueryFailures() throws Exception {
        try (Connection c = connect("ann", "ann-secret"); Statement st = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> st.executeQuery("SELECT * FROM SALES.NOPE"));
            ConnectFailure failure = driver.explain(e);
            assertEquals(Step.QUERY, failure.step());
            assertEquals("The database refused the statement: Table \"NOPE\" not found.", failure.message());
        }
    }
}
