package io.sightline.datasource.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sightline.api.account.Role;
import io.sightline.api.auth.Caller;
import io.sightline.api.datasource.DataSourceDefinition;
import io.sightline.api.datasource.DataSourceStore;
import io.sightline.api.driver.TlsSettings;
import io.sightline.api.rest.ApiException;
import io.sightline.api.schedule.JobKind;
import io.sightline.api.schedule.JobResult;
import io.sightline.api.schedule.RunOutcome;
import io.sightline.api.schedule.Schedule;
import io.sightline.api.vault.CredentialVault;
import io.sightline.driver.h2.internal.H2Driver;

/**
 * The schema refresh job against a real H2 TCP server, through the real service, pools and H2
 * driver module. The data source store and the vault are in memory; their JPA versions are tested
 * in the store and vault bundles.
 */
class SchemaRefreshJobTest {
    private static final String ORG = "org-1";
    private static Path baseDir;
    private static Server server;

    private final Map<String, DataSourceDefinition> definitions = new ConcurrentHashMap<>();
    private final Map<String, DataSourceStore.StoredMetadata> metadata = new ConcurrentHashMap<>();
    private final Map<String, char[]> secrets = new ConcurrentHashMap<>();
    private Pools pools;
    private DataSourceService service;
    private SchemaRefreshJob job;

    @BeforeAll
    static void startServer() throws Exception {
        baseDir = Files.createTempDirectory("h2-schema-refresh");
        Properties owner = new Properties();
        owner.setProperty("user", "owner");
        owner.setProperty("password", "owner-pw");
        try (Connection c = new org.h2.Driver().connect("jdbc:h2:file:" + baseDir.resolve("sales"), owner);
                Statement st = c.createStatement()) {
            for (String sql : List.of("CREATE SCHEMA SALES", "CREATE TABLE SALES.ORDERS (ID INT PRIMARY KEY)",
                    "CREATE TABLE SALES.CUSTOMERS (ID INT PRIMARY KEY)", "CREATE USER ANN PASSWORD 'ann-secret'",
                    "GRANT SELECT ON SCHEMA SALES TO ANN")) {
                st.execute(sql);
            }
        }
        server = Server.createTcpServer("-tcpPort", "0", "-baseDir", baseDir.toString()).start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void start() {
        Drivers drivers = new Drivers();
        drivers.addDriver(new H2Driver());
        Secrets plain = new Secrets(vault());
        pools = new Pools(drivers, plain);
        service = new DataSourceService(store(), drivers, pools, plain);
        job = new SchemaRefreshJob(store(), service);
    }

    @AfterEach
    void stop() {
        service.deactivate();
        pools.deactivate();
    }

    @Test
    void readsTheSchemaAgainAndSaysWhatItRead() throws Exception {
        DataSourceDefinition d = dataSource("ds-1", "Sales", "ann-secret");
        JobResult result = job.run(schedule(d.id()));
        assertEquals(RunOutcome.OK, result.outcome());
        assertEquals("Read 2 tables in 2 schemas.", result.message(), "SALES and the empty PUBLIC");
        assertTrue(metadata.get(d.id()).schema().contains("CUSTOMERS"), "the metadata is stored as the Refresh button stores it");
        assertEquals(Optional.of("Sales"), job.targetName(ORG, d.id()));
        assertEquals(Optional.of(d.id()), job.dataSourceOf(ORG, d.id()));
        assertEquals(JobKind.SCHEMA_REFRESH, job.kind());
    }

    @Test
    void aDeletedDataSourceIsSkipped() throws Exception {
        JobResult result = job.run(schedule("gone"));
        assertEquals(new JobResult(RunOutcome.SKIPPED, "The data source was deleted."), result);
        assertEquals(Optional.empty(), job.targetName(ORG, "gone"));
        assertEquals(Optional.empty(), job.dataSourceOf(ORG, "gone"));
        assertEquals(Optional.empty(), job.targetName("org-2", dataSource("ds-2", "Sales", "ann-secret").id()),
                "another organization's data source does not exist for this one");
    }

    @Test
    void aFailureSaysWhatAConnectionTestSaysAndNoSecret() {
        DataSourceDefinition d = dataSource("ds-3", "Sales", "wrong-secret");
        ApiException e = assertThrows(ApiException.class, () -> job.run(schedule(d.id())));
        ConnectionTest.Result test = service.test(new Caller("ann", ORG, Role.ADMIN, "s"), d.id());
        assertFalse(test.ok());
        assertEquals(test.steps().get(test.steps().size() - 1).message(), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-secret"));
        assertEquals(0, e.getStackTrace().length, "no stack trace for people");
        assertTrue(metadata.isEmpty());
    }

    private DataSourceDefinition dataSource(String id, String name, String password) {
        DataSourceDefinition d = new DataSourceDefinition(id, ORG, name, "h2", "127.0.0.1", server.getPort(), "sales", "ann",
                Map.of(), TlsSettings.DISABLED, null, true, 60, 0, false, "ann", Instant.EPOCH, Instant.EPOCH);
        definitions.put(id, d);
        secrets.put(ORG + "/" + DataSourceDefinition.secretName(id, DataSourceDefinition.PASSWORD), password.toCharArray());
        return d;
    }

    private static Schedule schedule(String target) {
        Instant now = Instant.now();
        return new Schedule("s-" + target, ORG, JobKind.SCHEMA_REFRESH, target, null, 86_400, "UTC", true, now, null, null,
                "ann", now, now);
    }

    private DataSourceStore store() {
        return new DataSourceStore() {
            @Override
            public DataSourceDefinition create(DataSourceDefinition definition) {
                definitions.put(definition.id(), definition);
                return definition;
            }

            @Override
            public Optional<DataSourceDefinition> update(DataSourceDefinition definition) {
                return Optional.ofNullable(definitions.replace(definition.id(), definition)).map(old -> definition);
            }

            @Override
            public Optional<DataSourceDefinition> find(String organizationId, String id) {
                return Optional.ofNullable(definitions.get(id)).filter(d -> d.organizationId().equals(organizationId));
            }

            @Override
            public List<DataSourceDefinition> list(String organizationId) {
                return definitions.values().stream().filter(d -> d.organizationId().equals(organizationId)).toList();
            }

            @Override
            public boolean delete(String organizationId, String id) {
                return definitions.remove(id) != null;
            }

            @Override
            public void saveMetadata(String organizationId, String id, Instant readAt, String summary, String schema) {
                metadata.put(id, new StoredMetadata(readAt, summary, schema));
            }

            @Override
            public Optional<StoredMetadata> metadata(String organizationId, String id) {
                return Optional.ofNullable(metadata.get(id));
            }

            @Override
            public Map<String, StoredMetadata> summaries(String organizationId) {
                return Map.copyOf(metadata);
            }

            @Override
            public List<Ref> metadataOlderThan(Instant before) {
                return List.of();
            }
        };
    }

    private CredentialVault vault() {
        return new CredentialVault() {
            @Override
            public void put(String organizationId, String name, char[] plaintext) {
                secrets.put(organizationId + "/" + name, plaintext.clone());
            }

            @Override
            public char[] open(String organizationId, String name) {
                char[] value = secrets.get(organizationId + "/" + name);
                return value == null ? null : value.clone();
            }

            @Override
            public boolean isSet(String organizationId, String name) {
                return secrets.containsKey(organizationId + "/" + name);
            }

            @Override
            public void delete(String organizationId, String name) {
                secrets.remove(organizationId + "/" + name);
            }

            @Override
            public void deleteAll(String organizationId, String prefix) {
                secrets.keySet().removeIf(k -> k.startsWith(organizationId + "/" + prefix));
            }
        };
    }
}
