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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.h2.jdbcx.JdbcDataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sightline.api.account.AccountStore;
import io.sightline.api.account.Membership;
import io.sightline.api.account.Organization;
import io.sightline.api.account.OrganizationListener;
import io.sightline.api.account.Role;
import io.sightline.api.audit.AuditEvent;
import io.sightline.api.datasource.DataSourceDefinition;
import io.sightline.api.datasource.OperatorDataSources;
import io.sightline.api.report.ContentTypes;
import io.sightline.api.report.DashboardStore;
import io.sightline.api.report.Report;
import io.sightline.api.report.ReportStore;
import io.sightline.api.report.SavedFilterStore;
import io.sightline.api.sharing.Access;
import io.sightline.api.sharing.SharingStore;
import io.sightline.driver.support.EmbeddedDirectory;

/**
 * Gives the installation's first organization the demo data source (P-9), once: an embedded H2
 * database of sample sales in {@code ${karaf.data}/sightline/embedded/demo/}, defined as an
 * operator data source (DS-1) and read through a user that may only SELECT, never through H2's
 * administrator (who could read and write the server's files). A marker file records that it was
 * done, so a demo data source the organization deletes does not come back.
 *
 * <p>Then the dashboard "Demo sales" over it ({@link DemoContent}), once too (marker
 * {@code dashboard}): owned by the organization's first Owner and shared with the whole organization
 * for reading. It waits for both the Owner (setup creates the organization a moment before its
 * Owner) and the content stores, which are optional and dynamic: without them the demo data source
 * still comes, and the dashboard follows when they appear.
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
    /** How long to wait between looks for the first Owner, at most. */
    private static final long MAX_OWNER_WAIT_SECONDS = 30;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, bind = "bindContent", unbind = "unbindContent")
    volatile ReportStore reports;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, bind = "bindContent", unbind = "unbindContent")
    volatile DashboardStore dashboards;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, bind = "bindContent", unbind = "unbindContent")
    volatile SavedFilterStore filters;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, bind = "bindContent", unbind = "unbindContent")
    volatile SharingStore sharing;

    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
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

    /**
     * A content store came: the dashboard may now be due. DS sets the field itself; this method (one
     * for all four references, hence the properties signature) only schedules a look.
     */
    void bindContent(Map<String, Object> properties) {
        worker.execute(this::provisionIfDue);
    }

    void unbindContent(Map<String, Object> properties) {
        // nothing to release: the fields are read afresh on each attempt
    }

    private void provisionIfDue() {
        Path folder = EmbeddedDirectory.base().resolve("demo");
        try {
            Path marker = folder.resolve("provisioned");
            if (!config.enabled()) {
                return;
            }
            if (Files.exists(marker)) {
                dashboardIfDue(folder, marker, 1);
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
            dashboardIfDue(folder, marker, 1);
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.error("Could not create the demo data source: {}", e.toString());
        }
    }

    /**
     * Creates the demo dashboard once, when the content stores and the organization's first Owner
     * exist; without an Owner yet, looks again after {@code wait} seconds (doubling, at most 30).
     */
    private void dashboardIfDue(Path folder, Path dataSourceMarker, long wait) throws IOException {
        Path marker = folder.resolve("dashboard");
        ReportStore reportStore = reports;
        DashboardStore dashboardStore = dashboards;
        SavedFilterStore filterStore = filters;
        SharingStore shares = sharing;
        if (Files.exists(marker) || reportStore == null || dashboardStore == null || filterStore == null || shares == null) {
            return; // done, or told again when the stores come
        }
        Map<String, String> provisioned = markerValues(Files.readString(dataSourceMarker, StandardCharsets.UTF_8));
        String organizationId = provisioned.get("organization");
        String dataSourceId = provisioned.get("datasource");
        if (organizationId == null || dataSourceId == null || accounts.findOrganization(organizationId).isEmpty()) {
            return; // an organization deleted meanwhile gets no dashboard
        }
        Optional<String> owner = accounts.members(organizationId).stream()
                .filter(m -> m.role() == Role.OWNER).map(Membership::userId).findFirst();
        if (owner.isEmpty()) {
            long next = Math.min(wait * 2, MAX_OWNER_WAIT_SECONDS);
            worker.schedule(() -> {
                try {
                    dashboardIfDue(folder, dataSourceMarker, next);
                } catch (IOException | RuntimeException e) {
                    LOG.error("Could not create the demo dashboard: {}", e.toString());
                }
            }, wait, TimeUnit.SECONDS);
            return;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        DemoContent.Content content = DemoContent.build(organizationId, owner.get(), dataSourceId, SalesData.regions(), now);
        filterStore.create(content.regions());
        shares.share(organizationId, ContentTypes.FILTER, content.regions().id(), null, Access.READ, owner.get());
        for (Report report : content.reports()) {
            reportStore.create(report);
            shares.share(organizationId, ContentTypes.REPORT, report.id(), null, Access.READ, owner.get());
        }
        dashboardStore.create(content.dashboard());
        shares.share(organizationId, ContentTypes.DASHBOARD, content.dashboard().id(), null, Access.READ, owner.get());
        Files.writeString(marker, "organization=" + organizationId + "\ndashboard=" + content.dashboard().id() + "\n",
                StandardCharsets.UTF_8);
        LOG.info("Demo dashboard '{}' created for organization {}", DemoContent.DASHBOARD_NAME, organizationId);
    }

    /** The {@code key=value} lines of a marker file. */
    static Map<String, String> markerValues(String text) {
        Map<String, String> values = new java.util.HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return values;
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
