package io.sightline.driver.postgresql.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The PostgreSQL server every machine of this project runs: 127.0.0.1:5432, trust authentication,
 * superuser postgres. A test that cannot reach it fails; it never skips.
 */
final class LocalPostgres {
    static final String HOST = "127.0.0.1";
    static final int PORT = 5432;
    static final String SUPERUSER = "postgres";

    private LocalPostgres() {}

    /** A superuser connection to {@code database}, opened without the code under test. */
    static Connection admin(String database) {
        Properties props = new Properties();
        props.setProperty("user", SUPERUSER);
        props.setProperty("password", "");
        props.setProperty("connectTimeout", "5");
        try {
            return new org.postgresql.Driver().connect("jdbc:postgresql://" + HOST + ":" + PORT + "/" + database, props);
        } catch (SQLException e) {
            return fail("PostgreSQL must run at " + HOST + ":" + PORT + " with trust authentication for user "
                    + SUPERUSER + " (start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start): "
                    + e.getMessage(), e);
        }
    }

    static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** A name no concurrent test run uses. */
    static String uniqueName(String prefix) {
        return prefix + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL);
    }
}
