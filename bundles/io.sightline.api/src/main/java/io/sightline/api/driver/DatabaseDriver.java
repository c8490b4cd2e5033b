package io.sightline.api.driver;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The dialect of one database product, supplied by a driver bundle (SPEC DS-1).
 *
 * <p>Drivers are registered as OSGi services and may appear or disappear at any time (hot deploy,
 * DS-2); callers must hold a driver only for the duration of one operation. Implementations are
 * stateless and thread-safe.
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
     * Rejects connection options that could run code or read local files (DS-7).
     *
     * @throws InvalidConnectionOptionException naming the first refused option
     */
    void validateOptions(Map<String, String> options);

    /**
     * Builds the JDBC URL for a data source. Options have already passed {@link
     * #validateOptions(Map)}; the password is never part of the URL.
     */
    String jdbcUrl(ConnectionSpec spec);

    /** Quotes an identifier (schema, table, column) for this dialect. */
    String quoteIdentifier(String identifier);

    /** Wraps a query so that it returns at most {@code maxRows} rows. */
    String limitRows(String sql, int maxRows);
}
