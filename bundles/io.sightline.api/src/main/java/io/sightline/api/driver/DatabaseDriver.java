package io.sightline.api.driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The dialect of one database product, supplied by a driver bundle (SPEC DS-1) that embeds or
 * imports the vendor's JDBC driver and connects through it directly (never through
 * {@code DriverManager}, which does not work across OSGi class loaders).
 *
 * <p>Drivers are registered as OSGi services and may appear or disappear at any time (hot deploy,
 * DS-2): callers hold a driver only for the duration of one operation, and close the pools built on
 * a driver's data sources when it goes. Implementations are stateless and thread-safe.
 */
@ConsumerType
public interface DatabaseDriver {

    /** Stable identifier stored with each data source, e.g. {@code postgresql}. */
    String id();

    /** Name shown to people, e.g. {@code PostgreSQL}. */
    String displayName();

    /** Port used when a data source leaves it empty. */
    int defaultPort();

    /**
     * The connection options a data source may set, each with a one-line description: an
     * allow-list (DS-7). Anything else is refused by {@link #validate}.
     */
    Map<String, String> allowedOptions();

    /**
     * Checks a data source before it is saved or used (DS-1, DS-7): required fields, options
     * against {@link #allowedOptions()}, and the option values themselves (no file paths, no code,
     * no local files). Embedded modes that touch the server's own file system are allowed only
     * when {@code operatorDefined} (a data source ops wrote in {@code etc/}, never one from the
     * API).
     *
     * @throws InvalidConnectionOptionException naming the first refused field or option
     */
    void validate(ConnectionSpec spec, boolean operatorDefined);

    /**
     * A data source that opens a new physical connection on each call through the vendor driver;
     * the caller pools it. {@code spec} has passed {@link #validate}. The password, and the TLS
     * client key when {@link TlsSettings#hasClientCertificate()}, are asked of {@code password} for
     * each new connection, and the returned arrays are cleared after use, so the plaintext exists
     * only while connecting (V-1). A driver that does not support client certificates never asks for
     * the key (and its {@link #validate} refuses a client certificate).
     */
    DataSource dataSource(ConnectionSpec spec, PasswordSource password);

    /**
     * Whether this driver presents a TLS client certificate ({@link TlsSettings#clientCertificatePem()})
     * with the key from {@link PasswordSource#tlsClientKey()} without writing the key to disk.
     * Data sources of a driver that answers false cannot have a client certificate; a driver built
     * before client certificates existed answers false.
     *
     * @since 2.1
     */
    default boolean supportsTlsClientCertificate() {
        return false;
    }

    /**
     * Which step a failed connection attempt failed at, in plain words without a stack trace
     * (DS-4): e.g. {@link ConnectFailure.Step#AUTHENTICATION} "password authentication failed for
     * user ann".
     */
    ConnectFailure explain(SQLException failure);

    /** Quotes an identifier (schema, table, column) for this dialect. */
    String quoteIdentifier(String identifier);

    /** Wraps a query so that it returns at most {@code maxRows} rows. */
    String limitRows(String sql, int maxRows);

    /**
     * Makes the session read-only where the database supports it (DS-6); called on every new
     * pooled connection before first use.
     */
    void prepareReadOnly(Connection connection) throws SQLException;

    /** Server version, time zone and connection limit (DS-5). */
    ServerInfo serverInfo(Connection connection) throws SQLException;

    /** Schemas with their tables and views and each one's columns, without system schemas (DS-5). */
    List<SchemaInfo> schema(Connection connection) throws SQLException;

    /** Whether the connected user can change data or schema, and why we think so (DS-6). */
    WriteAccess writeAccess(Connection connection) throws SQLException;
}
