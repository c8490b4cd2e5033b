package io.sightline.driver.derby.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * Apache Derby (SPEC DS-1): customer databases through the Derby network client, which this bundle
 * embeds; embedded databases (the engine of sightline-core) only for data sources operators define
 * in {@code etc/}, inside {@code ${karaf.data}/sightline/embedded/}.
 *
 * <p>TLS: {@code require} is Derby's {@code ssl=basic} (encrypted, any certificate);
 * {@code verify-ca} is {@code ssl=peerAuthentication}, checked against the JVM's trust store only;
 * a CA certificate per data source and {@code verify-full} (host name check) are refused, as the
 * Derby client cannot do them.
 *
 * <p>Read-only sessions: Derby's embedded driver honours {@code setReadOnly(true)}; its network
 * client ignores it (ClientConnection.setReadOnly only traces the call), so over the network only
 * the database's own rules make a user read-only, which {@link #writeAccess} reports.
 */
@Component(service = DatabaseDriver.class)
public final class DerbyDriver implements DatabaseDriver {
    private static final Map<String, SchemaInfo.Kind> KINDS =
            Map.of("TABLE", SchemaInfo.Kind.TABLE, "VIEW", SchemaInfo.Kind.VIEW);
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("SQLJ", "NULLID");

    @Override
    public String id() {
        return "derby";
    }

    @Override
    public String displayName() {
        return "Apache Derby";
    }

    @Override
    public int defaultPort() {
        return 1527;
    }

    @Override
    public Map<String, String> allowedOptions() {
        return DerbyValidation.ALLOWED;
    }

    @Override
    public void validate(ConnectionSpec spec, boolean operatorDefined) {
        DerbyValidation.validate(spec, operatorDefined);
    }

    /**
     * Whether the data source is embedded is read from the spec alone (an empty host): the SPI does
     * not say here whether the spec is operator-defined, so callers must have called
     * {@code validate(spec, false)} on every data source that did not come from {@code etc/}.
     */
    @Override
    public DataSource dataSource(ConnectionSpec spec, PasswordSource password) {
        DerbyValidation.validate(spec, DerbyValidation.embedded(spec));
        return new DerbyDataSource(spec, password);
    }

    @Override
    public ConnectFailure explain(SQLException failure) {
        return DerbyFailures.explain(failure);
    }

    @Override
    public String quoteIdentifier(String identifier) {
        return Sql.quote(identifier, '"');
    }

    @Override
    public String limitRows(String sql, int maxRows) {
        return Sql.limitRows(sql, maxRows, Sql.RowLimit.FETCH_FIRST);
    }

    /**
     * {@code setReadOnly(true)}: enforced by embedded Derby, a hint the network client ignores. On an
     * embedded database the session must moreover be unable to reach the server's files
     * ({@link EmbeddedGuard}).
     */
    @Override
    public void prepareReadOnly(Connection connection) throws SQLException {
        connection.setReadOnly(true);
        if (DerbyMetadata.embedded(connection)) {
            EmbeddedGuard.check(connection);
        }
    }

    @Override
    public ServerInfo serverInfo(Connection connection) throws SQLException {
        return DerbyMetadata.serverInfo(connection);
    }

    @Override
    public List<SchemaInfo> schema(Connection connection) throws SQLException {
        return SchemaReader.read(connection, DerbyDriver::isSystemSchema, KINDS);
    }

    static boolean isSystemSchema(String schema) {
        return schema.startsWith("SYS") || SYSTEM_SCHEMAS.contains(schema);
    }

    @Override
    public WriteAccess writeAccess(Connection connection) throws SQLException {
        return DerbyMetadata.writeAccess(connection);
    }
}
