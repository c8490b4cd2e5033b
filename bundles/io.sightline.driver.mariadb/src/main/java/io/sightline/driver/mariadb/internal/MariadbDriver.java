package io.sightline.driver.mariadb.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.sightline.api.driver.ConnectFailure;
import io.sightline.api.driver.ConnectionSpec;
import io.sightline.api.driver.DatabaseDriver;
import io.sightline.api.driver.PasswordSource;
import io.sightline.api.driver.SchemaInfo;
import io.sightline.api.driver.ServerInfo;
import io.sightline.api.driver.WriteAccess;
import io.sightline.driver.support.ConnectionSpecChecks;
import io.sightline.driver.support.Sql;

/**
 * The MariaDB / MySQL dialect (SPEC DS-1), connecting through the MariaDB Connector/J bundle.
 * Stateless and thread-safe.
 */
@Component(service = DatabaseDriver.class)
public final class MariadbDriver implements DatabaseDriver {

    /** Longest database name (MariaDB and MySQL: 64) and user name (MariaDB: 80; MySQL: 32). */
    private static final int MAX_DATABASE = 64;
    private static final int MAX_USER = 80;

    @Activate
    public MariadbDriver() {
        // nothing to set up: every call stands alone
    }

    @Override
    public String id() {
        return "mariadb";
    }

    @Override
    public String displayName() {
        return "MariaDB / MySQL";
    }

    @Override
    public int defaultPort() {
        return 3306;
    }

    @Override
    public Map<String, String> allowedOptions() {
        return MariadbOptions.descriptions();
    }

    /** {@code operatorDefined} changes nothing: MariaDB and MySQL are reached over the network only. */
    @Override
    public void validate(ConnectionSpec spec, boolean operatorDefined) {
        ConnectionSpecChecks.checkHost(spec.host());
        ConnectionSpecChecks.checkPort(spec.port());
        ConnectionSpecChecks.checkName("database", spec.database(), "database name", MAX_DATABASE);
        ConnectionSpecChecks.checkName("user", spec.user(), "user name", MAX_USER);
        ConnectionSpecChecks.checkConnectTimeout(spec);
        // Connector/J reads client keys only from a key store file or through a TlsSocketPlugin found
        // with ServiceLoader in its own bundle: neither keeps the key off the disk in OSGi (V-1).
        ConnectionSpecChecks.refuseClientCertificate(spec.tls(), "MariaDB and MySQL");
        ConnectionSpecChecks.checkTls(spec.tls());
        MariadbOptions.check(spec.options());
    }

    /** Checks {@code spec} once more: a refused option must never reach the vendor driver. */
    @Override
    public DataSource dataSource(ConnectionSpec spec, PasswordSource password) {
        validate(spec, false);
        return new MariadbDataSource(spec, password);
    }

    @Override
    public ConnectFailure explain(SQLException failure) {
        return MariadbFailures.explain(failure);
    }

    @Override
    public String quoteIdentifier(String identifier) {
        return Sql.quote(identifier, '`');
    }

    @Override
    public String limitRows(String sql, int maxRows) {
        return Sql.limitRows(sql, maxRows, Sql.RowLimit.LIMIT);
    }

    /** The session characteristic applies to every later transaction, auto-commit statements included. */
    @Override
    public void prepareReadOnly(Connection connection) throws SQLException {
        connection.setReadOnly(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION TRANSACTION READ ONLY");
        }
    }

    @Override
    public ServerInfo serverInfo(Connection connection) throws SQLException {
        return MariadbMetadata.serverInfo(connection);
    }

    @Override
    public List<SchemaInfo> schema(Connection connection) throws SQLException {
        return MariadbMetadata.schema(connection);
    }

    @Override
    public WriteAccess writeAccess(Connection connection) throws SQLException {
        return MariadbMetadata.writeAccess(connection);
    }
}
