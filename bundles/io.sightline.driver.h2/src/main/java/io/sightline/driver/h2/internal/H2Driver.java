package io.sightline.driver.h2.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Component;

import io.sightline.api.driver.ConnectFailure;
import io.sightline.api.driver.ConnectionSpec;
import io.sightline.api.driver.DatabaseDriver;
import io.sightline.api.driver.PasswordSource;
import io.sightline.api.driver.SchemaInfo;
import io.sightline.api.driver.ServerInfo;
import io.sightline.api.driver.WriteAccess;
import io.sightline.driver.support.SchemaReader;
import io.sightline.driver.support.Sql;

/**
 * H2 (SPEC DS-1) on the com.h2database bundle: customer databases through an H2 TCP server;
 * embedded databases only for data sources operators define in {@code etc/}, inside
 * {@code ${karaf.data}/sightline/embedded/}, opened read-only and never as an administrator.
 * {@code mem:} databases never.
 *
 * <p>TLS is refused: H2's TLS client changes JVM-wide TLS settings and cannot check certificates
 * per data source (see {@link H2Validation}); use an SSH tunnel.
 *
 * <p>Read-only sessions: H2 has none. {@code Connection.setReadOnly} is only a hint that H2 ignores
 * (JdbcConnection.setReadOnly checks that the connection is open and nothing else), and H2 has no
 * {@code SET TRANSACTION READ ONLY}. {@code ACCESS_MODE_DATA=r} makes the whole database read-only,
 * and only when the connection opens it: over TCP it is ignored when the database is already open,
 * and would otherwise lock every other application out of writing. So over the network only the
 * user's rights keep it from writing, which {@link #writeAccess} reports; embedded databases are
 * opened with {@code ACCESS_MODE_DATA=r} by this driver.
 */
@Component(service = DatabaseDriver.class)
public final class H2Driver implements DatabaseDriver {
    private static final Map<String, SchemaInfo.Kind> KINDS = Map.of("BASE TABLE", SchemaInfo.Kind.TABLE, "TABLE",
            SchemaInfo.Kind.TABLE, "VIEW", SchemaInfo.Kind.VIEW);

    @Override
    public String id() {
        return "h2";
    }

    @Override
    public String displayName() {
        return "H2";
    }

    @Override
    public int defaultPort() {
        return 9092;
    }

    @Override
    public Map<String, String> allowedOptions() {
        return H2Validation.ALLOWED;
    }

    @Override
    public void validate(ConnectionSpec spec, boolean operatorDefined) {
        H2Validation.validate(spec, operatorDefined);
    }

    /**
     * Whether the data source is embedded is read from the spec alone (an empty host): the SPI does
     * not say here whether the spec is operator-defined, so callers must have called
     * {@code validate(spec, false)} on every data source that did not come from {@code etc/}.
     */
    @Override
    public DataSource dataSource(ConnectionSpec spec, PasswordSource password) {
        H2Validation.validate(spec, H2Validation.embedded(spec));
        return new H2DataSource(spec, password);
    }

    @Override
    public ConnectFailure explain(SQLException failure) {
        return H2Failures.explain(failure);
    }

    @Override
    public String quoteIdentifier(String identifier) {
        return Sql.quote(identifier, '"');
    }

    @Override
    public String limitRows(String sql, int maxRows) {
        return Sql.limitRows(sql, maxRows, Sql.RowLimit.FETCH_FIRST);
    }

    /** A hint only (see the class comment); embedded databases are read-only already. */
    @Override
    public void prepareReadOnly(Connection connection) throws SQLException {
        connection.setReadOnly(true);
    }

    @Override
    public ServerInfo serverInfo(Connection connection) throws SQLException {
        return H2Metadata.serverInfo(connection);
    }

    @Override
    public List<SchemaInfo> schema(Connection connection) throws SQLException {
        return SchemaReader.read(connection, "INFORMATION_SCHEMA"::equals, KINDS);
    }

    @Override
    public WriteAccess writeAccess(Connection connection) throws SQLException {
        return H2Metadata.writeAccess(connection);
    }
}
