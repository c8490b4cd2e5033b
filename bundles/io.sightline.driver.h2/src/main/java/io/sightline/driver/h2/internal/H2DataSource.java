package io.sightline.driver.h2.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;

import io.sightline.api.driver.ConnectFailure;
import io.sightline.api.driver.ConnectFailure.Step;
import io.sightline.api.driver.ConnectionSpec;
import io.sightline.api.driver.PasswordSource;
import io.sightline.driver.support.ConnectionSpecChecks;
import io.sightline.driver.support.DriverDataSource;
import io.sightline.driver.support.StepException;
import io.sightline.driver.support.TcpProbe;

/**
 * Opens one physical H2 connection per call with an {@link org.h2.Driver} instance (never through
 * {@code DriverManager}), on a URL this class builds from validated parts:
 *
 * <ul>
 *   <li>network: {@code jdbc:h2:tcp://host:port/<database>;IFEXISTS=TRUE;NETWORK_TIMEOUT=<connect
 *       timeout>} plus the allowed settings. The network timeout bounds the login and is lifted
 *       once connected, so long queries are not cut off.
 *   <li>embedded (operator-defined only): {@code jdbc:h2:file:<path>;IFEXISTS=TRUE;ACCESS_MODE_DATA=r}:
 *       the database is opened read-only and never created, and only by users without admin rights
 *       ({@link #refuseAdministrators}). Nothing else is set: settings such as TRACE_LEVEL_FILE run
 *       as SET commands, which need admin rights.
 * </ul>
 *
 * <p>The password goes to H2 as a {@code char[]} property (H2 accepts that, and sends a hash of it
 * over TCP), asked for at each call and cleared right after.
 */
final class H2DataSource extends DriverDataSource {
    /** SQLState of a refused embedded administrator: implementation-defined class "SL" (Sightline). */
    static final String ADMIN_REFUSED = "SL002";

    private final boolean embedded;

    H2DataSource(ConnectionSpec spec, PasswordSource password) {
        super(spec, password);
        this.embedded = H2Validation.embedded(spec);
    }

    /** The URL for {@code spec}; it has passed {@link H2Validation#validate}. */
    static String url(ConnectionSpec spec, Path embeddedPath) {
        if (embeddedPath != null) {
            return "jdbc:h2:file:" + embeddedPath + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r"
                    + H2Validation.settings(spec.options());
        }
        return "jdbc:h2:tcp://" + ConnectionSpecChecks.urlHost(spec.host()) + ":" + spec.port() + "/" + spec.database()
                + ";IFEXISTS=TRUE;NETWORK_TIMEOUT=" + Math.max(1, spec.connectTimeout().toMillis())
                + H2Validation.settings(spec.options());
    }

    @Override
    public Connection getConnection() throws SQLException {
        ConnectionSpec spec = spec();
        Path path = null;
        if (embedded) {
            try {
                // Again at each connection: a link in the folder may have changed since validation.
                path = H2Validation.embeddedPath(spec);
            } catch (IllegalArgumentException e) {
                throw new StepException(new ConnectFailure(Step.DATABASE, e.getMessage()), "08001", 0, e);
            }
        } else {
            TcpProbe.reach(spec.host(), spec.port(), spec.connectTimeout());
        }
        Properties properties = new Properties();
        properties.setProperty("user", spec.user());
        char[] secret = askPassword();
        Connection connection;
        try {
            if (secret != null) {
                properties.put("password", secret);
            }
            connection = new org.h2.Driver().connect(url(spec, path), properties);
        } catch (SQLException e) {
            throw H2Failures.duringConnect(spec, e);
        } finally {
            properties.clear();
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
        }
        try {
            if (embedded) {
                refuseAdministrators(connection);
            } else {
                connection.setNetworkTimeout(Runnable::run, 0);
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * An embedded database runs inside the Sightline server, where an H2 administrator can write any
     * file even on a read-only database ({@code CALL CSVWRITE(...)}, {@code SCRIPT TO},
     * {@code FILE_WRITE}) and read any file ({@code FILE_READ}, {@code CSVREAD}): refused.
     */
    static void refuseAdministrators(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT IS_ADMIN FROM INFORMATION_SCHEMA.USERS WHERE USER_NAME = CURRENT_USER")) {
            if (!rs.next() || rs.getBoolean(1)) {
                throw new StepException(new ConnectFailure(Step.AUTHENTICATION, "Connections to an embedded H2"
                        + " database as an administrator are refused: embedded databases run inside the Sightline"
                        + " server, where H2 administrators can read and write the server's files (CSVWRITE,"
                        + " FILE_WRITE, SCRIPT TO, FILE_READ). Connect as a user without admin rights that has"
                        + " SELECT rights only."), ADMIN_REFUSED, 0, null);
            }
        }
    }
}
