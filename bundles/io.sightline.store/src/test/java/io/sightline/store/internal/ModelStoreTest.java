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
import io.sightline.api.model.SemanticModel;

/** Semantic models on real encrypted Derby: names, the JSON definition, tenant isolation, cascades. */
class ModelStoreTest {
    @TempDir
    Path dir;

    private DerbyDatabase database;
    private EntityManagerFactory emf;
    private JpaModelStore models;
    private JpaDataSourceStore dataSources;
    private String orgA;
    private String orgB;
    private String dsA;
    private String dsB;

    @BeforeEach
    void open() throws Exception {
        database = new DerbyDatabase(dir.resolve("db"), dir.resolve("keys/platform-db.key"));
        assertTrue(Migrations.apply(database.dataSource(), getClass().getClassLoader()) >= 9);
        emf = PlatformStoreTest.createEmf(database.dataSource());
        JpaAccountStore accounts = new JpaAccountStore(emf);
        orgA = accounts.createOrganization("A").id();
        orgB = accounts.createOrganization("B").id();
        models = new JpaModelStore(emf);
        dataSources = new JpaDataSourceStore(emf);
        dsA = dataSource(orgA);
        dsB = dataSource(orgB);
    }

    @AfterEach
    void close() {
        emf.close();
        database.close();
    }

    private String dataSource(String org) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return dataSources.create(new DataSourceDefinition(UUID.randomUUID().toString(), org, "DS", "h2", "h", 9092, "db",
                "u", Map.of(), null, null, false, 120, 3600, false, "u1", now, now)).id();
    }

    private static SemanticModel model(String org, String ds, String name, String definition) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new SemanticModel(UUID.randomUUID().toString(), org, name, "why", ds, definition, "u1", now, now);
    }

    @Test
    void modelsKeepTheirDefinitionAndAreNamedUniquelyPerOrganization() {
        String big = "{\"tables\":[" + "{\"name\":\"t\",\"schema\":\"S\",\"table\":\"T\"},".repeat(2000) + "{}]}";
        SemanticModel sales = models.create(model(orgA, dsA, "Sales", big));
        assertEquals(sales, models.find(orgA, sales.id()).orElseThrow());
        assertEquals(big, models.findByName(orgA, "SALES").orElseThrow().definition(), "more than 32 KB survive");
        assertThrows(IllegalStateException.class, () -> models.create(model(orgA, dsA, "sales", "{}")));
        models.create(model(orgB, dsB, "Sales", "{\"other\":true}"));
        assertTrue(models.find(orgB, sales.id()).isEmpty(), "not across organizations");

        SemanticModel other = models.create(model(orgA, dsA, "Other", "{}"));
        SemanticModel renamed = new SemanticModel(other.id(), orgA, "SALES", null, dsA, "{}", "u1", other.createdAt(),
                Instant.now());
        assertThrows(IllegalStateException.class, () -> models.update(renamed), "name taken by another model");
        SemanticModel changed = new SemanticModel(sales.id(), orgA, "Sales 2", null, dsA, "{\"x\":1}", "someone else",
                Instant.EPOCH, Instant.now().truncatedTo(ChronoUnit.MICROS));
        SemanticModel saved = models.update(changed).orElseThrow();
        assertEquals("{\"x\":1}", saved.definition());
        assertEquals("u1", saved.createdBy(), "the creator never changes");
        assertEquals(sales.createdAt(), saved.createdAt());
        assertTrue(models.update(new SemanticModel(sales.id(), orgB, "x", null, dsB, "{}", "u", Instant.EPOCH,
                Instant.EPOCH)).isEmpty(), "another organization cannot change it");
        assertEquals(List.of("Other", "Sales 2"), models.list(orgA).stream().map(SemanticModel::name).toList());
        assertFalse(models.delete(orgB, sales.id()));
        assertTrue(models.delete(orgA, sales.id()));
        assertEquals(List.of("Other"), models.list(orgA).stream().map(SemanticModel::name).toList());
    }

    @Test
    void modelsGoWithTheirDataSource() {
        models.create(model(orgA, dsA, "Sales", "{}"));
        models.create(model(orgB, dsB, "Sales", "{}"));
        assertTrue(dataSources.delete(orgA, dsA));
        assertTrue(models.list(orgA).isEmpty());
        assertEquals(1, models.list(orgB).size());
    }
}
