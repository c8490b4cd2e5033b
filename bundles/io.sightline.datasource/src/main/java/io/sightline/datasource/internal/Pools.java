package io.sightline.datasource.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.sightline.api.datasource.DataSourceConnections;
import io.sightline.api.datasource.DataSourceDefinition;
import io.sightline.api.datasource.DriverUnavailableException;
import io.sightline.api.driver.DatabaseDriver;

/**
 * One HikariCP pool per data source, opened on first use, through its SSH tunnel when it has one.
 * Every new physical connection is made read-only by the driver before use (DS-6). A pool is
 * closed when its data source changes or goes, when its driver module goes (DS-2), and when this
 * component stops; closing a pool also closes its tunnel.
 */
@Component(service = {Pools.class, DataSourceConnections.class})
public class Pools implements DataSourceConnections {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(Pools.class);

    private final Drivers drivers;
    private final Secrets secrets;
    private final Map<String, Pool> pools = new ConcurrentHashMap<>();
    private final Map<String, Object> openers = new ConcurrentHashMap<>();
    private final Consumer<String> onDriverRemoved = this::closeDriver;

    /** A pool and what it was built from. */
    private record Pool(String driverId, Instant version, HikariDataSource hikari, SshTunnel tunnel) {
        void close() {
            try {
                hikari.close();
            } finally {
                if (tunnel != null) {
                    tunnel.close();
                }
            }
        }
    }

    @Activate
    public Pools(@Reference Drivers drivers, @Reference Secrets secrets) {
        this.drivers = drivers;
        this.secrets = secrets;
        drivers.onRemoval(onDriverRemoved);
    }

    @Deactivate
    void deactivate() {
        drivers.removeListener(onDriverRemoved);
        pools.keySet().forEach(this::close);
    }

    /**
     * A pooled, read-only connection to the data source; the caller closes it (back to the pool).
     *
     * @throws DriverUnavailableException when the data source's driver module is not installed
     */
    Connection connection(DataSourceDefinition definition) throws SQLException, IOException {
        DatabaseDriver driver = drivers.get(definition.driver()).orElseThrow(() -> new DriverUnavailableException(definition.driver()));
        Pool pool = pools.get(definition.id());
        if (stale(pool, definition)) {
            // One opener per data source; opening (an SSH tunnel may take seconds) never holds up others.
            synchronized (openers.computeIfAbsent(definition.id(), id -> new Object())) {
                pool = pools.get(definition.id());
                if (stale(pool, definition)) {
                    if (pool != null) {
                        close(definition.id());
                    }
                    pool = open(driver, definition);
                    pools.put(definition.id(), pool);
                }
            }
        }
        return pool.hikari().getConnection();
    }

    @Override
    public Connection open(DataSourceDefinition definition) throws SQLException {
        try {
            return connection(definition);
        } catch (IOException e) {
            // The SSH tunnel could not be opened; its message says why (host key, login, network).
            throw new SQLException("The SSH tunnel could not be opened: " + e.getMessage(), "08001", e);
        }
    }

    @Override
    public Optional<DatabaseDriver> driver(String driverId) {
        return drivers.get(driverId);
    }

    /** A pool built from an older definition, or whose tunnel has dropped, is replaced. */
    private static boolean stale(Pool pool, DataSourceDefinition definition) {
        return pool == null || !pool.version().equals(definition.updatedAt())
                || (pool.tunnel() != null && !pool.tunnel().isOpen());
    }

    private Pool open(DatabaseDriver driver, DataSourceDefinition definition) throws IOException {
        SshTunnel tunnel = secrets.openTunnel(definition);
        var spec = Connect.spec(definition);
        if (tunnel != null) {
            spec = spec.via(tunnel.localHost(), tunnel.localPort());
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("sightline-" + definition.id());
        config.setDataSource(new ReadOnlyDataSource(driver, driver.dataSource(spec, secrets.password(definition))));
        config.setMaximumPoolSize(5);
        config.setMinimumIdle(0);
        config.setIdleTimeout(600_000);
        config.setMaxLifetime(1_800_000);
        config.setConnectionTimeout(spec.connectTimeout().toMillis() + 5_000);
        config.setInitializationFailTimeout(-1);
        config.setReadOnly(true);
        LOG.info("Opening a connection pool for data source {} ({}){}", definition.id(), driver.id(),
                tunnel == null ? "" : " through an SSH tunnel");
        return new Pool(driver.id(), definition.updatedAt(), new HikariDataSource(config), tunnel);
    }

    /** Closes the data source's pool, if open (its definition changed or it was deleted). */
    void close(String dataSourceId) {
        Pool pool = pools.remove(dataSourceId);
        if (pool != null) {
            pool.close();
        }
    }

    private void closeDriver(String driverId) {
        pools.forEach((id, pool) -> {
            if (pool.driverId().equals(driverId)) {
                LOG.info("Driver {} went away: closing the pool of data source {}", driverId, id);
                close(id);
            }
        });
    }

    int openPools() {
        return pools.size();
    }

    /** Makes each new physical connection read-only through the driver before the pool hands it out. */
    private record ReadOnlyDataSource(DatabaseDriver driver, DataSource physical) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = physical.getConnection();
            try {
                driver.prepareReadOnly(connection);
                return connection;
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("credentials come from the data source");
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // no JDBC log writer: logging goes through slf4j
        }

        @Override
        public void setLoginTimeout(int seconds) {
            // the driver applies the data source's connect timeout
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
