package io.sightline.driver.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.sightline.api.driver.ConnectionSpec;

/** What every driver's data source does the same towards the pool. */
class DriverDataSourceTest {

    private static final class Example extends DriverDataSource {
        Example(ConnectionSpec spec, io.sightline.api.driver.PasswordSource password) {
            super(spec, password);
        }

        @Override
        public Connection getConnection() throws SQLException {
            throw new SQLException("not here");
        }

        char[] secret() {
            return askPassword();
        }
    }

    private static ConnectionSpec spec(Duration timeout) {
        return new ConnectionSpec("h", 1, "d", "ann", Map.of(), null, timeout);
    }

    @Test
    void onlyTheDataSourcesOwnUser() {
        DataSource ds = new Example(spec(null), () -> "pw".toCharArray());
        SQLFeatureNotSupportedException e = assertThrows(SQLFeatureNotSupportedException.class,
                () -> ds.getConnection("postgres", "x"));
        assertEquals("A Sightline data source connects only as its own user.", e.getMessage());
    }

    @Test
    void poolLoginTimeoutsAreIgnoredForTheConnectTimeout() throws Exception {
        DataSource ds = new Example(spec(Duration.ofMillis(2500)), null);
        ds.setLoginTimeout(30);
        assertEquals(3, ds.getLoginTimeout());
        assertEquals(10, new Example(spec(null), null).getLoginTimeout(), "the default connect timeout");
    }

    @Test
    void noLogWriterAndNoWrappers() throws Exception {
        DataSource ds = new Example(spec(null), null);
        ds.setLogWriter(new PrintWriter(new StringWriter()));
        assertNull(ds.getLogWriter());
        assertTrue(ds.isWrapperFor(DataSource.class));
        assertSame(ds, ds.unwrap(DriverDataSource.class));
        assertFalse(ds.isWrapperFor(String.class));
        assertThrows(SQLException.class, () -> ds.unwrap(String.class));
        assertThrows(SQLFeatureNotSupportedException.class, ds::getParentLogger);
    }

    @Test
    void thePasswordIsAskedForEachTime() {
        int[] asked = {0};
        Example ds = new Example(spec(null), () -> {
            asked[0]++;
            return "pw".toCharArray();
        });
        assertArrayEquals("pw".toCharArray(), ds.secret());
        assertArrayEquals("pw".toCharArray(), ds.secret());
        assertEquals(2, asked[0]);
        assertNull(new Example(spec(null), null).secret());
        assertSame(spec(null).getClass(), ds.spec().getClass());
    }
}
