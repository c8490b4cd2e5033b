package io.sightline.driver.derby.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sightline.api.driver.ConnectFailure.Step;
import io.sightline.api.driver.ConnectionSpec;
import io.sightline.api.driver.InvalidConnectionOptionException;
import io.sightline.api.driver.SchemaInfo;
import io.sightline.api.driver.TlsSettings;
import io.sightline.api.driver.WriteAccess;
import io.sightline.driver.derby.internal.DerbyNetworkTest.RecordingPassword;

/** Embedded databases: only operator-defined ones, only inside ${karaf.data}/sightline/embedded/. */
class DerbyEmbeddedTest {
    @TempDir
    Path karafData;
    @TempDir
    Path elsewhere;
    private Path embedded;
    private final DerbyDriver driver = new DerbyDriver();

    @BeforeEach
    void setKarafData() throws Exception {
        System.setProperty("karaf.data", karafData.toString());
        embedded = karafData.resolve("sightline/embedded");
        Files.createDirectories(embedded);
    }

    @AfterEach
    void clearKarafData() {
        System.clearProperty("karaf.data");
    }

    private static ConnectionSpec embeddedSpec(String database, String user, Map<String, String> options) {
        return new ConnectionSpec("", 0, database, user, options, TlsSettings.DISABLED, null);
    }

    private static void execute(Connection c, String... statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    @Test
    void apiDataSourcesCannotBeEmbedded() {
        InvalidConnectionOptionException e = assertThrows(InvalidConnectionOptionException.class,
                () -> driver.validate(embeddedSpec("demo", "demo", Map.of()), false));
        assertEquals("host", e.option());
        assertTrue(e.getMessage().contains("Host is required") && e.getMessage().contains("operators define in etc/"),
                e.getMessage());
        ConnectionSpec nullHost = new ConnectionSpec(null, 0, "demo", "demo", Map.of(), null, null);
        assertEquals("host", assertThrows(InvalidConnectionOptionException.class,
                () -> driver.validate(nullHost, false)).option());
    }

    @Test
    void createIsOnlyForOperatorDefinedEmbeddedDatabases() {
        driver.validate(embeddedSpec("demo", "demo", Map.of("create", "true")), true);
        ConnectionSpec network = new ConnectionSpec("db.example.com", 1527, "demo", "demo", Map.of("create", "true"),
                null, null);
        InvalidConnectionOptionException e = assertThrows(InvalidConnectionOptionException.class,
                () -> driver.validate(network, true));
        assertEquals("create", e.option());
        assertTrue(e.getMessage().contains("does not create databases"), e.getMessage());
    }

    @Test
    void pathsOutsideTheEmbeddedFolderAreRefused() throws Exception {
        // EmbeddedDirectoryTest has the folder's rules; these are Derby's sub-protocols and attributes
        for (String database : new String[] {"../demo", elsewhere.resolve("demo").toString(), "memory:demo",
                "jar:(/tmp/x.jar)demo", "demo;create=true", "demo;restoreFrom=/tmp/backup", "de mo", "C:\\demo",
                "classpath:demo", "~/demo"}) {
            InvalidConnectionOptionException e = assertThrows(InvalidConnectionOptionException.class,
                    () -> driver.validate(embeddedSpec(database, "demo", Map.of("create", "true")), true), database);
            assertEquals("database", e.option(), database);
        }
        driver.validate(embeddedSpec("demo", "demo", Map.of()), true);
        driver.validate(embeddedSpec("samples/demo-1.0", "demo", Map.of()), true);
        driver.validate(embeddedSpec(embedded.resolve("demo").toString(), "demo", Map.of()), true);
    }

    @Test
    void symbolicLinksLeadingOutAreRefusedAlsoWhenTheyAppearAfterValidation() throws Exception {
        Files.createSymbolicLink(embedded.resolve("out"), elsewhere);
        InvalidConnectionOptionException e = assertThrows(InvalidConnectionOptionException.class,
                () -> driver.validate(embeddedSpec("out/demo", "demo", Map.of("create", "true")), true));
        assertEquals("database", e.option());
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());

        // Valid when checked, swapped for a link before connecting: refused at connection time.
        ConnectionSpec later = embeddedSpec("later/demo", "demo", Map.of("create", "true"));
        driver.validate(later, true);
        var dataSource = driver.dataSource(later, () -> null);
        Files.createSymbolicLink(embedded.resolve("later"), elsewhere);
        SQLException refused = assertThrows(SQLException.class, dataSource::getConnection);
        assertTrue(refused.getMessage().contains("symbolic link"), refused.getMessage());
        assertFalse(Files.exists(elsewhere.resolve("demo")));
    }

    @Test
    void tlsDoesNotApplyToEmbeddedDatabases() {
        ConnectionSpec spec = new ConnectionSpec("", 0, "demo", "demo", Map.of(),
                new TlsSettings(TlsSettings.Mode.REQUIRE, null), null);
        assertEquals("tls", assertThrows(InvalidConnectionOptionException.class,
                () -> driver.validate(spec, true)).option());
    }

    @Test
    void unknownEmbeddedDatabaseIsADatabaseFailure() {
        ConnectionSpec spec = embeddedSpec("nothing-here", "demo", Map.of());
        driver.validate(spec, true);
        SQLException e = assertThrows(SQLException.class, () -> driver.dataSource(spec, () -> null).getConnection());
        assertEquals(Step.DATABASE, driver.explain(e).step(), driver.explain(e).message());
    }

    /**
     * The demo data source as ops should set it up: created by its owner, with SQL authorization
     * and authentication on, and queried by a user that only reads.
     */
    @Test
    void operatorDefinedDemoDatabaseWithAReadOnlyQueryUser() throws Exception {
        ConnectionSpec owner = embeddedSpec("demo", "demo_owner", Map.of("create", "true"));
        driver.validate(owner, true);
        try (Connection c = driver.dataSource(owner, new RecordingPassword("owner-pw")).getConnection()) {
            execute(c, "CREATE TABLE SALES (ID INT NOT NULL PRIMARY KEY, REGION VARCHAR(20), AMOUNT DECIMAL(9,2))",
                    "INSERT INTO SALES VALUES (1, 'north', 10), (2, 'south', 20), (3, 'east', 30)",
                    "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.connection.requireAuthentication', 'true')",
                    "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.authentication.provider', 'BUILTIN')",
                    "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.user.demo_owner', 'owner-pw')",
                    "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.user.viewer', 'viewer-pw')",
                    "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.database.sqlAuthorization', 'true')");
            assertTrue(Files.isDirectory(embedded.resolve("demo")), "the database lives in the embedded folder");
        }
        Properties ownerCredentials = new Properties();
        ownerCredentials.setProperty("user", "demo_owner");
        ownerCredentials.setProperty("password", "owner-pw");
        DerbyTestServer.shutdown("jdbc:derby:" + embedded.resolve("demo"), ownerCredentials);
        ConnectionSpec ownerAgain = embeddedSpec("demo", "demo_owner", Map.of());
        try (Connection c = driver.dataSource(ownerAgain, new RecordingPassword("owner-pw")).getConnection()) {
            execute(c, "GRANT SELECT ON SALES TO VIEWER");
            // The owner may do everything, so a query session as the owner is refused.
            SQLException refused = assertThrows(SQLException.class, () -> driver.prepareReadOnly(c));
            assertEquals(EmbeddedGuard.SQLSTATE, refused.getSQLState());
            assertTrue(refused.getMessage().contains("owns the database"), refused.getMessage());
            assertEquals(Step.QUERY, driver.explain(refused).step());
            WriteAccess access = driver.writeAccess(c);
            assertTrue(access.canWrite());
        }

        ConnectionSpec viewer = embeddedSpec("demo", "viewer", Map.of());
        driver.validate(viewer, true);
        RecordingPassword password = new RecordingPassword("viewer-pw");
        try (Connection c = driver.dataSource(viewer, password).getConnection()) {
            driver.prepareReadOnly(c);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    driver.limitRows("SELECT * FROM DEMO_OWNER.SALES ORDER BY ID", 2))) {
                assertTrue(rs.next() && rs.next());
                assertFalse(rs.next());
            }
            // A read-only connection is enforced by embedded Derby...
            SQLException insert = assertThrows(SQLException.class,
                    () -> execute(c, "INSERT INTO DEMO_OWNER.SALES VALUES (4, 'west', 40)"));
            assertEquals("25502", insert.getSQLState());
            // ...and the server's files are out of reach.
            Path target = elsewhere.resolve("export.csv");
            SQLException export = assertThrows(SQLException.class, () -> execute(c,
                    "CALL SYSCS_UTIL.SYSCS_EXPORT_QUERY('VALUES 1', '" + target + "', NULL, NULL, NULL)"));
            assertEquals("42504", export.getSQLState());
            assertFalse(Files.exists(target));
            assertEquals("Apache Derby", driver.serverInfo(c).product());
            assertEquals(java.util.TimeZone.getDefault().getID(), driver.serverInfo(c).timeZone());
            assertEquals(List.of("SALES"), driver.schema(c).stream().filter(s -> s.name().equals("DEMO_OWNER"))
                    .flatMap(s -> s.tables().stream()).map(SchemaInfo.Table::name).toList());
            // With SQL authorization on, any user may create tables in a schema of its own name.
            WriteAccess access = driver.writeAccess(c);
            assertTrue(access.canWrite());
            assertTrue(access.detail().contains("own schema"), access.detail());
        }
        assertTrue(password.allCleared());

        // A file-touching routine granted to the user: query sessions are refused again.
        try (Connection c = driver.dataSource(ownerAgain, new RecordingPassword("owner-pw")).getConnection()) {
            execute(c, "GRANT EXECUTE ON PROCEDURE SYSCS_UTIL.SYSCS_EXPORT_TABLE TO VIEWER");
        }
        try (Connection c = driver.dataSource(viewer, new RecordingPassword("viewer-pw")).getConnection()) {
            SQLException refused = assertThrows(SQLException.class, () -> driver.prepareReadOnly(c));
            assertEquals(EmbeddedGuard.SQLSTATE, refused.getSQLState());
            assertTrue(refused.getMessage().contains("SYSCS_UTIL.SYSCS_EXPORT_TABLE"), refused.getMessage());
        }
    }

    /** Without SQL authorization every user could export files from a read-only session: refused. */
    @Test
    void querySessionsAreRefusedWhenSqlAuthorizationIsOff() throws Exception {
        ConnectionSpec owner = embeddedSpec("open", "demo_owner", Map.of("create", "true"));
        try (Connection c = driver.dataSource(owner, () -> null).getConnection()) {
            execute(c, "CREATE TABLE T (X INT)");
        }
        ConnectionSpec other = embeddedSpec("open", "someone", Map.of());
        try (Connection c = driver.dataSource(other, () -> null).getConnection()) {
            SQLException refused = assertThrows(SQLException.class, () -> driver.prepareReadOnly(c));
            assertEquals(EmbeddedGuard.SQLSTATE, refused.getSQLState());
            assertTrue(refused.getMessage().contains("may export to files"), refused.getMessage());
        }
        // What the guard prevents: a read-only session writing a file on the server.
        Path target = elsewhere.resolve("x.csv");
        try (Connection c = driver.dataSource(other, () -> null).getConnection()) {
            c.setReadOnly(true);
            execute(c, "CALL SYSCS_UTIL.SYSCS_EXPORT_QUERY('VALUES 1', '" + target + "', NULL, NULL, NULL)");
        }
        assertTrue(Files.exists(target));
    }
}
