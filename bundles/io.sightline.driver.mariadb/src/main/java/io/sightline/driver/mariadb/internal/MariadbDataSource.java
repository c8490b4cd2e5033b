package io.sightline.driver.mariadb.internal;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;

import io.sightline.api.driver.ConnectionSpec;
import io.sightline.api.driver.PasswordSource;
import io.sightline.api.driver.TlsSettings;
import io.sightline.driver.support.ConnectAttemptException;
import io.sightline.driver.support.ConnectionSpecChecks;
import io.sightline.driver.support.DriverDataSource;

/**
 * Opens one physical connection per {@link #getConnection()} through MariaDB Connector/J's
 * {@link Driver} instance, never {@code DriverManager} (whose class-loader checks fail across OSGi
 * bundles). The caller pools the connections. Thread-safe: nothing changes after construction.
 */
final class MariadbDataSource extends DriverDataSource {
    /** Connector/J's driver; one stateless instance serves every data source. */
    private static final Driver DRIVER = new org.mariadb.jdbc.Driver();
    static final String CONNECTION_ATTRIBUTES = "program_name:Sightline";

    private final String url;

    MariadbDataSource(ConnectionSpec spec, PasswordSource password) {
        super(spec, password);
        this.url = url(spec);
    }

    /**
     * The URL names host and port only. The database goes in the properties (which Connector/J
     * prefers to the URL's), so no database name can add URL parameters.
     */
    static String url(ConnectionSpec spec) {
        return "jdbc:mariadb://" + ConnectionSpecChecks.urlHost(spec.host()) + ":" + spec.port() + "/";
    }

    String url() {
        return url;
    }

    /**
     * The connection properties without the password: Sightline's defaults, then the data source's
     * (validated) options, then what Sightline owns: user, database, timeout, TLS and the switches
     * that stay off whatever Connector/J's defaults become.
     */
    static Properties properties(ConnectionSpec spec) {
        Properties props = new Properties();
        props.setProperty("tcpKeepAlive", "true");
        props.putAll(spec.options());

        props.setProperty("user", spec.user());
        props.setProperty("database", spec.database());
        props.setProperty("connectionAttributes", CONNECTION_ATTRIBUTES);
        // Bounds the TCP connect and every read until the login is done; afterwards reads wait as
        // long as the query may run (socketTimeout 0): queries have their own timeout.
        props.setProperty("connectTimeout", String.valueOf(Math.max(1, spec.connectTimeout().toMillis())));
        props.setProperty("socketTimeout", "0");
        // Connector/J 3 allows LOAD DATA LOCAL INFILE by default: a query could send the server's files.
        props.setProperty("allowLocalInfile", "false");
        props.setProperty("allowMultiQueries", "false");
        props.setProperty("permitRedirect", "false");

        TlsSettings tls = spec.tls();
        props.setProperty("sslMode", switch (tls.mode()) {
            case DISABLE -> "disable";
            case REQUIRE -> "trust";
            case VERIFY_CA -> "verify-ca";
            case VERIFY_FULL -> "verify-full";
        });
        if (ConnectionSpecChecks.hasCustomCa(tls)) {
            // Connector/J reads PEM text given directly (a value starting -----BEGIN CERTIFICATE).
            props.setProperty("serverSslCert", tls.caCertificatePem().strip());
        }
        return props;
    }

    @Override
    public Connection getConnection() throws SQLException {
        ConnectionSpec spec = spec();
        Properties props = properties(spec);
        char[] secret = askPassword();
        if (secret != null) {
            try {
                // Connector/J takes the password as a String; the array is cleared at once.
                props.setProperty("password", new String(secret));
            } finally {
                Arrays.fill(secret, '\0');
            }
        }
        Connection connection;
        try {
            connection = DRIVER.connect(url, props);
        } catch (SQLException e) {
            throw new ConnectAttemptException(e, spec.host(), spec.port(), spec.connectTimeout(),
                    ConnectionSpecChecks.hasCustomCa(spec.tls()));
        } finally {
            props.remove("password");
        }
        if (connection == null) {
            throw new SQLException("MariaDB Connector/J did not accept the URL " + url, "08001");
        }
        return connection;
    }

    @Override
    public String toString() {
        return "MariaDB data source " + url + " as " + spec().user();
    }
}
