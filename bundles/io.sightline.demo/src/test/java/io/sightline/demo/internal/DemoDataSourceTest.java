package io.sightline.demo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo database on real H2: its size and shape, and a reader that can only read. */
class DemoDataSourceTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final char[] PASSWORD = "reader-secret-123".toCharArray();

    @TempDir
    static Path folder;

    @BeforeAll
    static void create() throws Exception {
        DemoDataSource.create(folder, PASSWORD, TODAY);
    }

    private static Connection reader() throws SQLException {
        return reader(folder, PASSWORD);
    }

    /** A connection to the demo database in {@code folder} as the H2 driver module opens it, as the reader. */
    static Connection reader(Path folder, char[] password) throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        // As the H2 driver module opens embedded databases: existing only, data read-only.
        h2.setURL("jdbc:h2:file:" + folder.resolve("sales") + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r");
        h2.setUser(DemoDataSource.READER);
        h2.setPassword(new String(password));
        return h2.getConnection();
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void twoYearsOfSalesUpToToday() throws Exception {
        try (Connection c = reader(); Statement s = c.createStatement()) {
            assertEquals(SalesData.CUSTOMERS, count(s, "SELECT count(*) FROM customers"));
            assertEquals(SalesData.ORDERS, count(s, "SELECT count(*) FROM orders"));
            long lines = count(s, "SELECT count(*) FROM order_lines");
            assertTrue(lines > 40_000 && lines < 100_000, "lines: " + lines);
            assertEquals(lines, count(s, "SELECT count(*) FROM sales"));
            assertEquals(4, count(s, "SELECT count(DISTINCT region) FROM sales"));
            try (ResultSet rs = s.executeQuery("SELECT min(ordered_on), max(ordered_on) FROM orders")) {
                rs.next();
                assertFalse(rs.getDate(1).toLocalDate().isBefore(TODAY.minusYears(2)));
                assertFalse(rs.getDate(2).toLocalDate().isAfter(TODAY));
                assertTrue(rs.getDate(2).toLocalDate().isAfter(TODAY.minusDays(7)), "recent orders for 'last 7 days'");
            }
            // Growth: the second year sells more than the first.
            long firstYear = count(s, "SELECT count(*) FROM orders WHERE ordered_on <= DATE '" + TODAY.minusYears(1) + "'");
            assertTrue(firstYear < SalesData.ORDERS - firstYear, "first year " + firstYear);
        }
    }

    @Test
    void theReaderCanOnlyRead() throws Exception {
        try (Connection c = reader(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT IS_ADMIN FROM INFORMATION_SCHEMA.USERS WHERE USER_NAME = CURRENT_USER")) {
                assertTrue(rs.next());
                assertFalse(rs.getBoolean(1), "never an administrator");
            }
            assertThrows(SQLException.class, () -> s.execute("DELETE FROM order_lines"));
            assertThrows(SQLException.class, () -> s.execute("CREATE TABLE x (a INT)"));
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT FILE_READ('/etc/passwd')"));
            assertThrows(SQLException.class, () -> s.execute("CALL CSVWRITE('/tmp/sightline-demo-leak.csv', 'SELECT 1')"));
        }
    }
}
