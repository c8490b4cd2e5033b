package io.sightline.api.datasource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.sightline.api.driver.DatabaseDriver;

/**
 * Connections to customer databases for the modules that run SQL on them (queries, alerts). Each
 * data source has its own pool, opened on first use through its SSH tunnel when it has one, and
 * closed when the data source changes or its driver goes away.
 *
 * <p>Every connection handed out is in a read-only session set up by the driver (DS-6); the
 * caller closes it, which returns it to the pool. Thread-safe.
 */
@ProviderType
public interface DataSourceConnections {

    /**
     * A pooled, read-only connection to the data source.
     *
     * @throws DriverUnavailableException when the data source's driver module is not installed
     * @throws SQLException when no connection could be made; the driver's
     *     {@link DatabaseDriver#explain} turns it into words
     */
    Connection open(DataSourceDefinition definition) throws SQLException;

    /** The installed driver with this id, if any. */
    Optional<DatabaseDriver> driver(String driverId);
}
