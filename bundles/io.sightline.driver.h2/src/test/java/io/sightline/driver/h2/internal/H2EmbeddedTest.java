package io.sightline.driver.h2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sightline.api.driver.ConnectFailure.Step;
import io.sightline.api.driver.ConnectionSpec;
import io.sightline.api.driver.InvalidConnectionOptionException;
import io.sightline.driver.h2.internal.H2NetworkTest.RecordingPassword;

/** Embedded H2: operator-defined only, inside ${karaf.data}/sightline/embedded/, read-only, no administrators. */
class H2EmbeddedTest {
    @TempDir
    Path karafData;
    @TempDir
    Path elsewhere;
    private Path embedded;
    private final H2Driver driver = new H2Driver();

    @BeforeEach
    void setKarafData() throws Exception {
        System.setProperty("karaf.data", karafData.toString());
        embedded = karafData.resolve("sightline/embedded");
        Files.createDirectories(embedded);
        H2NetworkTest.createDatabase(embedded.resolve("demo"),
                "CREATE TABLE SALES (ID INT PRIMARY KEY, REGION VARCHAR(20))",
                "INSERT INTO SALES VALUES (1, 'north'), (2, 'south'), (3, 'east')",
                "CREATE USER VIEWER PASSWORD 'viewer-pw'",
                "GRANT SELECT ON SALES TO VIEWER");
    }

    @AfterEach
    void clearKarafData() {
        System.clearProperty("karaf.data");
    }

    private static ConnectionSpec embeddedSpec(String database, String user, Map<String, String> options) {
        return new ConnectionSpec("", 0, database, user, options, null, null);
    }

    @Test
    void apiDataSourcesCannotBeEmbedded() {
        InvalidConnectionOptionException e = assertThrows(InvalidConnectionOptionException.class,
                () -> driver.validate(embeddedSpec("demo", "viewer", Map.of()), false));
        assertEquals("host", e.option());
        assertTrue(e.getMessage().contains("operators define in etc/"), e.getMessage());
    }

    @Test
    void operatorDefinedEmbeddedDatabaseIsReadOnly() throws Exception {
        ConnectionSpec spec = embeddedSpec("demo", "viewer", Map.of("SCHEMA", "PUBLIC"));
        driver.validate(spec, true);
        assertEquals("jdbc:h2:file:" + embedded.resolve("demo") + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r"
                + ";SCHEMA=PUBLIC", H2DataSource.url(spec, H2Validation.embeddedPath(spec)));
        RecordingPassword password = new RecordingPassword("viewer-pw");
        try (Connection c = driver.dataSource(spec, password).getConnection()) {
            driver.prepareReadOnly(c);
            assertEquals(2, H2NetworkTest.count(c, driver.limitRows("SELECT * FROM SALES ORDER BY ID", 2)));
            SQLException e = assertThrows(SQLException.class, () -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO SALES VALUES (4, 'west')");
                }
            });
            assertEquals(Step.QUERY, driver.explain(e).step());
            assertEquals("H2", driver.serverInfo(c).product());
            assertFalse(driver.writeAccess(c).canWrite());
            assertEquals("PUBLIC", driver.schema(c).get(0).name());
        }
        assertTrue(password.allCleared());
    }

    @Test
    void administratorsAreRefusedOnEmbeddedDatabases() {
        // An administrator could write files even on the read-only database: CALL CSVWRITE('/any/path', ...).
        ConnectionSpec spec = embeddedSpec("demo", "owner", Map.of());
        driver.validate(spec, true);
        SQLException e = assertThrows(SQLException.class,
                () -> driver.dataSource(spec, new RecordingPassword("owner-pw")).getConnection());
        assertEquals(H2DataSource.ADMIN_REFUSED, e.getSQLState());
        assertTrue(e.getMessage().contains("administrator"), e.getMessage());
        assertEquals(Step.AUTHENTICATION, driver.explain(e).step());
    }

    @Test
    void whatTheAdministratorRuleStops() throws Exception {
        java.util.Properties credentials = new java.util.Properties();
        credentials.setProperty("user", "owner");
        credentials.setProperty("password", "owner-pw");
        Path target = elsewhere.resolve("written-by-sql.csv");
        try (Connection c = new org.h2.Driver().connect("jdbc:h2:file:" + embedded.resolve("demo")
                + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r", credentials); Statement st = c.createStatement()) {
            st.execute("CALL CSVWRITE('" + target + "', 'SELECT 1')");
        }
        assertTrue(Files.exists(target), "read-only H2 still lets an administrator write files");
    }

    @Test
    void embeddedDatabasesAreNeverCreated() {
        ConnectionSpec spec = embeddedSpec("missing", "viewer", Map.of());
        driver.validate(spec, true);
        SQLException e = assertThrows(SQLException.class,
                () -> driver.dataSource(spec, new RecordingPassword("viewer-pw")).getConnection());
        assertEquals(Step.DATABASE, driver.explain(e).step(), driver.explain(e).message());
        assertFalse(Files.exists(embedded.resolve("missing.mv.db")));
        assertEquals("IFEXISTS", assertThrows(InvalidConnectionOptionException.class,
                () -> driver.validate(embeddedSpec("demo", "viewer", Map.of("IFEXISTS", "FALSE")), true)).option());
    }

    @Test
    void pathsOutsideTheEmbeddedFolderAreRefused() {
        // EmbeddedDirectoryTest has the folder's rules; these are H2's prefixes, settings and name rule
        for (String database : new String[] {"../demo", elsewhere.resolve("demo").toString(), "mem:demo",
                "demo;INIT=RUNSCRIPT FROM 'http://x'", "file:demo", "~/demo", "demo.mv", "de mo"}) {
            InvalidConnectionOptionException e = assertThrows(InvalidConnectionOptionException.class,
                    () -> driver.validate(embeddedSpec(database, "viewer", Map.of()), true), database);
            assertEquals("database", e.option(), database);
        }
        driver.validate(embeddedSpec(embedded.resolve("demo").toString(), "viewer", Map.of()), true);
        driver.validate(embeddedSpec("team/demo-2", "viewer", Map.of()), true);
    }

    @Test
    void symbolicLinksLeadingOutAreRefused() throws Exception {
        // The database file itself as a link to a database elsewhere.
        H2NetworkTest.createDatabase(elsewhere.resolve("other"), "CREATE USER VIEWER PASSWORD 'viewer-pw'");
        Files.createSymbolicLink(embedded.resolve("linked.mv.db"), elsewhere.resolve("other.mv.db"));
        InvalidConnectionOptionException e = assertThrows(InvalidConnectionOptionException.class,
                () -> driver.validate(embeddedSpec("linked", "viewer", Map.of()), true));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        // A trace file link H2 would append to.
        Files.createSymbolicLink(embedded.resolve("demo.trace.db"), elsewhere.resolve("trace.txt"));
        assertThrows(InvalidConnectionOptionException.class,
                () -> driver.validate(embeddedSpec("demo", "viewer", Map.of()), true));
    }

    @Test
    void aLinkAppearingAfterValidationIsRefusedAtConnection() throws Exception {
        ConnectionSpec spec = embeddedSpec("later/demo", "viewer", Map.of());
        driver.validate(spec, true);
        var dataSource = driver.dataSource(spec, new RecordingPassword("viewer-pw"));
        Files.createSymbolicLink(embedded.resolve("later"), elsewhere);
        SQLException e = assertThrows(SQLException.class, dataSource::getConnection);
        assertEquals(Step.DATABASE, driver.explain(e).step());
        assertTrue(driver.explain(e).message().contains("symbolic link"), driver.explain(e).message());
    }
}
