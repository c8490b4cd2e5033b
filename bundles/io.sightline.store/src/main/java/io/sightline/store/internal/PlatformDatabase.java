package io.sightline.store.internal;

import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import javax.persistence.EntityManagerFactory;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jpa.EntityManagerFactoryBuilder;
import org.osgi.service.metatype.annotations.Designate;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the platform database, brings its schema up to date, and publishes the platform
 * {@link EntityManagerFactory} for the store's components. Nothing is published until migrations
 * have run, so no consumer ever sees an old schema.
 */
@Component(immediate = true, configurationPid = PlatformDatabase.PID, service = {})
@Designate(ocd = StoreConfig.class)
public class PlatformDatabase {
    static final String PID = "io.sightline.store";
    static final String UNIT_PROPERTY = "sightline.unit";
    static final String UNIT_FILTER = "(" + UNIT_PROPERTY + "=platform)";
    private static final Logger LOG = LoggerFactory.getLogger(PlatformDatabase.class);

    /** Connections to the platform database kept open: EclipseLink asks for one per transaction. */
    private static final int POOL_SIZE = 16;

    private final DerbyDatabase database;
    private final HikariDataSource pool;
    private final EntityManagerFactory emf;
    private final ServiceRegistration<EntityManagerFactory> registration;

    @Activate
    public PlatformDatabase(
            BundleContext context,
            StoreConfig config,
            @Reference(target = "(osgi.unit.name=sightline)") EntityManagerFactoryBuilder builder)
            throws Exception {
        // Derby would otherwise write derby.log into the working directory.
        if (System.getProperty("derby.stream.error.file") == null && System.getProperty("karaf.data") != null) {
            System.setProperty("derby.stream.error.file",
                    Path.of(System.getProperty("karaf.data"), "log", "derby.log").toString());
        }
        database = new DerbyDatabase(
                path(config.database_directory(), "karaf.data", "sightline/db"),
                path(config.boot_password_file(), "karaf.etc", "keys/platform-db.key"));
        HikariDataSource opened = null;
        try {
            int version = Migrations.apply(database.dataSource(), getClass().getClassLoader());
            // Opening an embedded Derby connection costs more than most of our transactions.
            HikariConfig poolConfig = new HikariConfig();
            poolConfig.setPoolName("sightline-platform");
            poolConfig.setDataSource(database.dataSource());
            poolConfig.setMaximumPoolSize(POOL_SIZE);
            poolConfig.setMinimumIdle(2);
            opened = new HikariDataSource(poolConfig);
            pool = opened;
            emf = builder.createEntityManagerFactory(Map.of("javax.persistence.nonJtaDataSource", pool));
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(UNIT_PROPERTY, "platform");
            registration = context.registerService(EntityManagerFactory.class, emf, properties);
            LOG.info("Platform database ready at {} (encrypted Derby, schema version {})", database.directory(), version);
        } catch (Exception e) {
            if (opened != null) {
                opened.close();
            }
            database.close();
            throw e;
        }
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        emf.close();
        pool.close();
        database.close();
    }

    private static Path path(String configured, String baseProperty, String relative) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty(baseProperty, "."), relative);
    }
}
