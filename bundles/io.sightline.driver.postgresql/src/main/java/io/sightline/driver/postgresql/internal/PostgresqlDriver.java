package io.sightline.driver.postgresql.internal;

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
 * The PostgreSQL dialect (SPEC DS-1), connecting through the pgjdbc bundle. Stateless and
 * thread-safe.
 */
@Component(service = DatabaseDriver.class)
public final class PostgresqlDriver implements DatabaseDriver {

    /** Longest database and user names: PostgreSQL's NAMEDATALEN - 1 bytes. */
    private static final int MAX_NAME_BYTES = 63;

    @Activate
    public PostgresqlDriver() {
        // nothing to set up: every call stands alone
    }

    @Override
    public String id() {
        return "postgresql";
    }

    @Override
    public String displayName() {
        return "PostgreSQL";
    }

    @Override
    public int defaultPort() {
        return 5432;
    }

    @Override
    public Map<String, String> allowedOptions() {
        return PostgresqlOptions.descriptions();
    }

    /** {@code operatorDefined} changes nothing: PostgreSQL is reached over the network only. */
    @Override
    public void validate(ConnectionSpec spec, boolean operatorDefined) {
        ConnectionSpecChecks.checkHost(spec.host());
        ConnectionSpecChecks.checkPort(spec.port());
        ConnectionSpecChecks.checkName("database", spec.database(), "database name", MAX_NAME_BYTES);
        ConnectionSpecChecks.checkUtf8Length("database", spec.database(), "database name", MAX_NAME_BYTES);
        ConnectionSpecChecks.checkName("user", spec.user(), "user name", MAX_NAME_BYTES);
        ConnectionSpecChecks.checkUtf8Length("user", spec.user(), "user name", MAX_NAME_BYTES);
        ConnectionSpecChecks.checkConnectTimeout(spec);
        ConnectionSpecChecks.checkTls(spec.tls());
        PostgresqlOptions.check(spec.options());
    }

    /** Checks {@code spec} once more: a refused option must never reach the vendor driver. */
    @Override
    public DataSource dataSource(ConnectionSpec spec, PasswordSource password) {
        validate(spec, false);
        return new PostgresqlDataSource(spec, password);
    }

    /** Yes: the key stays in memory ({@link ClientCertificateSslFactory}). */
    @Override
    public boolean supportsTlsClientCertificate() {
        return true;
    }

    @Override
    public ConnectFailure explain(SQLException failure) {
        return PostgresqlFailures.explain(failure);
    }

    @Override
    public String quoteIdentifier(String identifier) {
        return Sql.quote(identifier, '"');
    }

    @Override
    public String limitRows(String sql, int maxRows) {
        return Sql.limitRows(sql, maxRows, Sql.RowLimit.LIMIT);
    }

    /**
     * pgjdbc's read-only flag starts transactions READ ONLY; the session characteristic also covers
     * statements in auto-commit mode. Committed when not in auto-commit, so a later rollback cannot
     * undo it.
     */
    @Override
    public void prepareReadOnly(Connection connection) throws SQLException {
        connection.setReadOnly(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    @Override
    public ServerInfo serverInfo(Connection connection) throws SQLException {
        return PostgresqlMetadata.serverInfo(connection);
    }

    @Override
    public List<SchemaInfo> schema(Connection connection) throws SQLException {
        return PostgresqlMetadata.schema(connection);
    }

    @Override
    public WriteAccess writeAccess(Connection connection) throws SQLException {
        return PostgresqlMetadata.writeAccess(connection);
    }
}
