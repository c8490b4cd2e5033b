package io.sightline.driver.mariadb.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The MariaDB server every machine of this project runs: 127.0.0.1:3306, root with an empty
 * password. A test that cannot reach it fails; it never skips.
 */
final class LocalMariadb {
    static final String HOST = "127.0.0.1";
    static final int PORT = 3306;
    static final String ROOT = "root";

    private LocalMariadb() {}

    /** A root connection, opened without the code under test. */
    static Connection admin() {
        Properties props = new Properties();
        props.setProperty("user", ROOT);
        props.setProperty("password", "");
        props.setProperty("connectTimeout", "5000");
        try {
            return new org.mariadb.jdbc.Driver().connect("jdbc:mariadb://" + HOST + ":" + PORT + "/", props);
        } catch (SQLException e) {
            return fail("MariaDB must run at " + HOST + ":" + PORT + " with user root and an empty password (start it: "
                    + "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd): " + e.getMessage(), e);
        }
    }

    static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static String uniqueName(String prefix) {
        return prefix + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL);
    }
}
