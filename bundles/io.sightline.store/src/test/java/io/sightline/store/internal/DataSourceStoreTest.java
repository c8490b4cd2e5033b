package io.sightline.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sightline.api.datasource.DataSourceDefinition;
import io.sightline.api.datasource.DataSourceStore;
import io.sightline.api.driver.TlsSettings;

/** Data sources and their metadata on real encrypted Derby, including tenant isolation. */
class DataSourceStoreTest {
    @TempDir
    Path dir;

    private DerbyDatabase database;
    private EntityManagerFactory emf;
    private JpaDataSourceStore store;
    private String orgA;
    private String orgB;

    @BeforeEach
    void open() throws Exception {
        database = new DerbyDatabase(dir.resolve("db"), dir.resolve("keys/platform-db.key"));
        Migrations.apply(database.dataSource(), getClass().getClassLoader());
        emf = PlatformStoreTest.createEmf(database.dataSource());
        JpaAccountStore accounts = new JpaAccountStore(emf);
        orgA = accounts.createOrganization("A").id();
        orgB = accounts.createOrganization("B").id();
        store = new JpaDataSourceStore(emf);
    }

    @AfterEach
    void close() {
        emf.close();
        database.close();
    }

    static DataSourceDefinition definition(String org, String name) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new DataSourceDefinition(UUID.randomUUID().toString(), org, name, "postgresql", "db.example.com", 5432,
                "sales", "reader", Map.of("currentSchema", "public", "a&b=c", "x=y&z"),
                new TlsSettings(TlsSettings.Mode.VERIFY_FULL, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
                        "-----BEGIN CERTIFICATE-----\nMIIC client\n-----END CERTIFICATE-----"),
                new DataSourceDefinition.SshTunnel("bastion", 22, "tunnel", "SHA256:abc"), true, 120, 3600, false, "u1", now, now);
    }

    @Test
    void definitionsRoundTripAndStayInTheirOrganization() {
        DataSourceDefinition sales = store.create(definition(orgA, "Sales"));
        assertEquals(sales, store.find(orgA, sales.id()).orElseThrow());
        assertTrue(store.find(orgA, sales.id()).orElseThrow().tls().clientCertificatePem().contains("MIIC client"));
        assertTrue(store.find(orgB, sales.id()).isEmpty());
        assertTrue(store.list(orgB).isEmpty());
        assertFalse(store.delete(orgB, sales.id()));
        assertThrows(IllegalStateException.class, () -> store.create(definition(orgA, "Sales")), "names are unique");
        store.create(definition(orgB, "Sales")); // but only within an organization

        DataSourceDefinition renamed = new DataSourceDefinition(sales.id(), orgA, "Sales EU", "mariadb", "h", 3306, "d",
                "u", Map.of(), null, null, false, 30, 0, false, "someone-else", Instant.EPOCH, sales.updatedAt().plusSeconds(5));
        DataSourceDefinition updated = store.update(renamed).orElseThrow();
        assertEquals("Sales EU", updated.name());
        assertEquals(updated, store.find(orgA, sales.id()).orElseThrow(), "find answers from a cache cleared by update");
        assertEquals(null, updated.ssh());
        assertEquals(TlsSettings.DISABLED, updated.tls());
        assertEquals("u1", updated.createdBy(), "creator and creation time never change");
        assertEquals(sales.createdAt(), updated.createdAt());
        assertTrue(store.update(new DataSourceDefinition(sales.id(), orgB, "x", "mariadb", "h", 1, "d", "u", Map.of(),
                null, null, false, 30, 60, false, "u", Instant.EPOCH, Instant.EPOCH)).isEmpty(), "not across organizations");
        DataSourceDefinition other = store.create(definition(orgA, "Other"));
        assertThrows(IllegalStateException.class, () -> store.update(new DataSourceDefinition(other.id(), orgA, "Sales EU",
                "mariadb", "h", 1, "d", "u", Map.of(), null, null, false, 30, 60, false, "u", Instant.EPOCH, Instant.EPOCH)));
        assertEquals(List.of("Other", "Sales EU"), store.list(orgA).stream().map(DataSourceDefinition::name).toList());
        assertTrue(store.delete(orgA, sales.id()));
        assertTrue(store.find(orgA, sales.id()).isEmpty());
    }

    @Test
    void metadataIsStoredAndTheRefreshListCrossesOrganizations() {
        DataSourceDefinition a = store.create(definition(orgA, "A1"));
        DataSourceDefinition b = store.create(definition(orgB, "B1"));
        assertTrue(store.metadata(orgA, a.id()).isEmpty());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        assertEquals(2, store.metadataOlderThan(now).size());
        String big = "{\"schemas\":[" + "\"x\",".repeat(20_000) + "\"y\"]}";
        store.saveMetadata(orgA, a.id(), now, "{\"server\":{}}", big);
        assertEquals(new DataSourceStore.StoredMetadata(now, "{\"server\":{}}", big), store.metadata(orgA, a.id()).orElseThrow());
        assertEquals(Map.of(a.id(), new DataSourceStore.StoredMetadata(now, "{\"server\":{}}", null)), store.summaries(orgA));
        assertTrue(store.summaries(orgB).isEmpty());
        assertTrue(store.metadata(orgB, a.id()).isEmpty());
        assertEquals(List.of(new DataSourceStore.Ref(orgB, b.id())), store.metadataOlderThan(now.minusSeconds(1)));
        assertEquals(a, store.find(orgA, a.id()).orElseThrow(), "metadata does not change the definition");
    }
}
