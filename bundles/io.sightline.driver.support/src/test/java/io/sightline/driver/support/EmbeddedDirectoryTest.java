package io.sightline.driver.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sightline.api.driver.InvalidConnectionOptionException;

/** DS-1: embedded databases stay inside ${karaf.data}/sightline/embedded/. */
class EmbeddedDirectoryTest {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final String RULE = "use letters, digits, '_', '-' and '.'.";

    @TempDir
    Path karafData;
    @TempDir
    Path elsewhere;
    private Path embedded;
    private String previousKarafData;

    @BeforeEach
    void setKarafData() throws Exception {
        previousKarafData = System.getProperty(EmbeddedDirectory.KARAF_DATA);
        System.setProperty(EmbeddedDirectory.KARAF_DATA, karafData.toString());
        embedded = karafData.resolve("sightline/embedded");
        Files.createDirectories(embedded);
    }

    @AfterEach
    void restoreKarafData() {
        if (previousKarafData == null) {
            System.clearProperty(EmbeddedDirectory.KARAF_DATA);
        } else {
            System.setProperty(EmbeddedDirectory.KARAF_DATA, previousKarafData);
        }
    }

    private static Path resolve(String database, String... siblings) {
        return EmbeddedDirectory.resolve(database, SEGMENT, RULE, siblings);
    }

    private static String refused(String database, String... siblings) {
        InvalidConnectionOptionException e = assertThrows(InvalidConnectionOptionException.class,
                () -> resolve(database, siblings), database);
        assertEquals("database", e.option(), database);
        return e.getMessage();
    }

    @Test
    void theFolderIsUnderKarafData() {
        assertEquals(embedded.toAbsolutePath().normalize(), EmbeddedDirectory.base());
        System.clearProperty(EmbeddedDirectory.KARAF_DATA);
        InvalidConnectionOptionException e = assertThrows(InvalidConnectionOptionException.class, EmbeddedDirectory::base);
        assertEquals("database", e.option());
        assertTrue(e.getMessage().contains("karaf.data is not set"), e.getMessage());
        refused("demo");
    }

    @Test
    void namesAreResolvedInsideTheFolder() {
        assertEquals(embedded.resolve("demo"), resolve("demo"));
        assertEquals(embedded.resolve("samples/demo-1.0"), resolve("samples/demo-1.0"));
        assertEquals(embedded.resolve("demo"), resolve(embedded.resolve("demo").toString()), "absolute, but inside");
    }

    @Test
    void pathsOutsideTheFolderAreRefused() {
        for (String database : new String[] {"../demo", "a/../../demo", "./demo", "..", ".", "a/./b", "/etc/demo",
            elsewhere.resolve("demo").toString(), embedded.toString(), embedded + "/../demo", "\\etc\\demo"}) {
            refused(database);
        }
        assertTrue(refused("a/../b").contains("'..'"));
        assertTrue(refused("/etc/demo").contains("must be inside " + embedded));
    }

    @Test
    void eachSegmentFollowsTheDriversRule() {
        for (String database : new String[] {"a//b", "de mo", "demo/", "-demo", "memory:demo", "demo;create=true"}) {
            assertEquals("Database name: " + RULE, refused(database), database);
        }
    }

    @Test
    void requiredAndBounded() {
        assertTrue(refused("").contains("Database is required"));
        assertTrue(refused(null).contains("Database is required"));
        assertTrue(refused("a".repeat(256)).contains("at most 255"));
        assertEquals(embedded.resolve("a".repeat(255)), resolve("a".repeat(255)));
    }

    @Test
    void symbolicLinksLeadingOutAreRefused() throws Exception {
        Files.createSymbolicLink(embedded.resolve("out"), elsewhere);
        assertTrue(refused("out/demo").contains("symbolic link"));
        // also one that leads nowhere: creating the database would follow it
        Files.createSymbolicLink(embedded.resolve("dangling"), elsewhere.resolve("missing"));
        assertTrue(refused("dangling/demo").contains("symbolic link"));
        // a link inside the folder is fine
        Files.createDirectories(embedded.resolve("real"));
        Files.createSymbolicLink(embedded.resolve("alias"), embedded.resolve("real"));
        assertEquals(embedded.resolve("alias/demo"), resolve("alias/demo"));
    }

    @Test
    void filesNextToTheDatabaseMustNotLeadOutEither() throws Exception {
        Files.createSymbolicLink(embedded.resolve("demo.trace.db"), elsewhere.resolve("trace.txt"));
        assertEquals(embedded.resolve("demo"), resolve("demo"), "a sibling the database does not open");
        assertTrue(refused("demo", ".mv.db", ".trace.db").contains("symbolic link"));
        Files.createFile(embedded.resolve("other.mv.db"));
        assertEquals(embedded.resolve("other"), resolve("other", ".mv.db", ".trace.db"));
    }

    @Test
    void aFolderWhoseNameAJdbcUrlCannotCarryIsRefused() throws Exception {
        Path odd = karafData.resolve("odd;dir");
        System.setProperty(EmbeddedDirectory.KARAF_DATA, odd.toString());
        assertTrue(refused("demo").contains("';'"));
    }
}
