package io.sightline.demo.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.h2.jdbcx.JdbcDataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sightline.api.account.AccountStore;
import io.sightline.api.account.Organization;
import io.sightline.api.account.OrganizationListener;
import io.sightline.api.audit.AuditEvent;
import io.sightline.api.datasource.DataSourceDefinition;
import io.sightline.api.datasource.OperatorDataSources;
import io.sightline.driver.support.EmbeddedDirectory;

/**
 * Gives the installation's first organization the demo data source (P-9), once: an embedded H2
 * database of sample sales in {@code ${karaf.data}/sightline/embedded/demo/}, defined as an
 * operator data source (DS-1) and read through a user that may only SELECT, never through H2's
 * administrator (who could read and write the server's files). A marker file records that it was
 * done, so a demo data source the organization deletes does not come back.
 */
@Component(service = OrganizationListener.class, immediate = true, configurationPid = DemoDataSource.PID)
@Designate(ocd = DemoConfig.class)
public class DemoDataSource implements OrganizationListener {
    static final String PID = "io.sightline.demo";
    static final String DATABASE = "demo/sales";
    static final String READER = "DEMO_READER";
    private static final Logger LOG = LoggerFactory.getLogger(DemoDataSource.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountStore accounts;
    private final OperatorDataSources operatorDataSources;
    private final DemoConfig config;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sightline-demo");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public DemoDataSource(@Reference AccountStore accounts, @Reference OperatorDataSources operatorDataSources,
            DemoConfig config) {
        this.accounts = accounts;
        this.operatorDataSources = operatorDataSources;
        this.config = config;
        worker.execute(this::provisionIfDue);
    }

    @Deactivate
    void deactivate() {
        worker.shutdownNow();
    }

    @Override
    public void organizationCreated(Organization organization) {
        worker.execute(this::provisionIfDue);
    }

    private void provisionIfDue() {
        try {
            Path folder = EmbeddedDirectory.base().resolve("demo");
            Path marker = folder.resolve("provisioned");
            if (!config.enabled() || Files.exists(marker)) {
                return;
            }
            Optional<Organization> first = accounts.installationOrganization();
            if (first.isEmpty()) {
                return; // told again when the first organization is created
            }
            long t0 = System.nanoTime();
            char[] readerPassword = secret();
            create(folder, readerPassword, LocalDate.now());
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            DataSourceDefinition demo = new DataSourceDefinition(UUID.randomUUID().toString(), first.get().id(),
                    config.name(), "h2", "", 0, DATABASE, READER, Map.of(), null, null, true, 60,
                    DataSourceDefinition.DEFAULT_CACHE_TTL_SECONDS, true, AuditEvent.SYSTEM, now, now);
            try {
                operatorDataSources.define(demo, readerPassword);
            } catch (IllegalStateException nameTaken) {
                LOG.warn("The organization already has a data source named '{}': no demo data source added", config.name());
            }
            Files.writeString(marker, "organization=" + first.get().id() + "\ndatasource=" + demo.id() + "\n",
                    StandardCharsets.UTF_8);
            LOG.info("Demo data source '{}' created for organization {} in {} ms", config.name(), first.get().id(),
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.error("Could not create the demo data source: {}", e.toString());
        }
    }

    /**
     * Writes the database afresh in {@code folder}: the sample data, a reader with SELECT rights
     * only, and an administrator whose random password is forgotten at once.
     */
    static void create(Path folder, char[] readerPassword, LocalDate today) throws IOException, SQLException {
        Files.createDirectories(folder);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(folder, "sales.*")) {
            for (Path file : old) {
                Files.delete(file);
            }
        }
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + folder.resolve("sales"));
        h2.setUser("SIGHTLINE_DEMO_OWNER");
        h2.setPassword(new String(secret()));
        try (Connection c = h2.getConnection()) {
            SalesData.create(c, today);
            try (Statement s = c.createStatement()) {
                // Base64url characters only, so the literal needs no escaping.
                s.execute("CREATE USER " + READER + " PASSWORD '" + new String(readerPassword) + "'");
                s.execute("GRANT SELECT ON SCHEMA PUBLIC TO " + READER);
                s.execute("SHUTDOWN COMPACT"); // closes the file so the read-only data source can open it
            }
        }
    }

    private static char[] secret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }
}
