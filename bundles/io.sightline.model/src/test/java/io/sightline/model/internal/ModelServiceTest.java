package io.sightline.model.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sightline.api.account.Role;
import io.sightline.api.audit.AuditEvent;
import io.sightline.api.auth.Caller;
import io.sightline.api.datasource.DataSourceDefinition;
import io.sightline.api.datasource.DataSourceStore;
import io.sightline.api.model.ModelException;
import io.sightline.api.model.ModelQuery;
import io.sightline.api.model.ModelStore;
import io.sightline.api.model.SemanticModel;
import io.sightline.api.sharing.Access;
import io.sightline.api.sharing.Share;
import io.sightline.api.sharing.SharingStore;
import io.sightline.model.internal.ModelService.ModelInput;
import io.sightline.model.internal.ModelService.ModelView;

/** Access, metadata checks, export and import, audit: the service over in-memory stores. */
class ModelServiceTest {
    private static final Caller ADMIN = new Caller("admin", "org", Role.ADMIN, "s1");
    private static final Caller OTHER_ADMIN = new Caller("other", "org", Role.ADMIN, "s2");
    private static final Caller MEMBER = new Caller("member", "org", Role.MEMBER, "s3");

    private final Map<String, SemanticModel> models = new HashMap<>();
    private final List<Share> shares = new ArrayList<>();
    private final List<AuditEvent> audited = new ArrayList<>();
    private String metadata;
    private ModelService service;

    @BeforeEach
    void setUp() throws Exception {
        metadata = catalogJson();
        service = new ModelService(modelStore(), dataSources(), sharing());
        service.addDriver(Fixtures.H2);
        service.audit = audited::add;
    }

    private static String catalogJson() throws Exception {
        var c = Fixtures.catalog();
        List<io.sightline.api.driver.SchemaInfo> schemas = List.of(new io.sightline.api.driver.SchemaInfo("public",
                List.of("orders", "customers", "countries", "products").stream()
                        .map(t -> c.table("public", t).orElseThrow()).toList()));
        return ModelJson.MAPPER.writeValueAsString(schemas);
    }

    private ModelInput input(String name) {
        return new ModelInput(name, "Sales", "ds1", Fixtures.sales());
    }

    @Test
    void modelsArePrivateUntilSharedAndRolesDoNotOpenThem() {
        ModelView mine = service.create(ADMIN, input(" Sales "));
        assertEquals("Sales", mine.name());
        assertEquals(Access.OWNER, mine.access());
        assertEquals("model.create", audited.get(0).action());

        ModelException hidden = assertThrows(ModelException.class, () -> service.get(OTHER_ADMIN, mine.id()));
        assertEquals("not_found", hidden.code(), "another Admin does not see a private model");
        assertThrows(ModelException.class, () -> service.compile(MEMBER, mine.id(),
                new ModelQuery(List.of(), List.of("orders"), null, null, 0), List.of()));
        assertTrue(service.list(OTHER_ADMIN).isEmpty());

        sharing().share("org", "model", mine.id(), "member", Access.READ, "admin");
        assertEquals(Access.READ, service.get(MEMBER, mine.id()).access());
        assertEquals(1, service.list(MEMBER).size());
        assertEquals("SELECT COUNT(*) AS \"orders\"\nFROM \"public\".\"orders\" \"orders\"", service.compile(MEMBER,
                mine.id(), new ModelQuery(List.of(), List.of("orders"), null, null, 0), List.of()).sql());
        assertEquals(List.of("region", "ordered_on", "ordered_at", "customer", "active", "category"),
                service.fields(MEMBER, mine.id()).dimensions().stream().map(ModelService.DimensionField::name).toList());
        assertEquals("Revenue", service.fields(MEMBER, mine.id()).metrics().get(0).label());
        assertEquals("forbidden", assertThrows(ModelException.class,
                () -> service.update(MEMBER, mine.id(), input("Mine now"))).code(), "READ does not edit");

        sharing().share("org", "model", mine.id(), null, Access.EDIT, "admin");
        assertEquals("Sales 2", service.update(OTHER_ADMIN, mine.id(), input("Sales 2")).name());
        assertEquals("forbidden", assertThrows(ModelException.class, () -> service.delete(OTHER_ADMIN, mine.id())).code(),
                "only the creator deletes");
        service.delete(ADMIN, mine.id());
        assertTrue(models.isEmpty());
        assertTrue(shares.isEmpty(), "shares go with the model");
        assertEquals(List.of("model.create", "model.update", "model.delete"),
                audited.stream().map(AuditEvent::action).toList());
    }

    @Test
    void savingChecksTheMetadataAndNamesTheField() {
        ModelException e = assertThrows(ModelException.class, () -> service.create(ADMIN,
                new ModelInput("x", null, "nope", Fixtures.sales())));
        assertEquals("dataSourceId", e.field());
        metadata = null;
        e = assertThrows(ModelException.class, () -> service.create(ADMIN, input("x")));
        assertEquals("dataSourceId", e.field());
        assertTrue(e.getMessage().contains("has not been read yet"), e.getMessage());
        e = assertThrows(ModelException.class, () -> service.create(ADMIN, new ModelInput("", null, "ds1", null)));
        assertEquals("name", e.field());
    }

    @Test
    void namesAreUniqueAndSoAreImports() throws Exception {
        ModelView sales = service.create(ADMIN, input("Sales"));
        assertEquals("name", assertThrows(ModelException.class, () -> service.create(ADMIN, input("SALES"))).field());

        Map<String, Object> document = service.export(ADMIN, sales.id());
        assertEquals("Sales", document.get("name"));
        String json = ModelJson.MAPPER.writeValueAsString(document);
        assertTrue(json.contains("\"baseTable\":\"orders\""), json);
        @SuppressWarnings("unchecked")
        Map<String, Object> roundTrip = ModelJson.MAPPER.readValue(json, Map.class);

        ModelException clash = assertThrows(ModelException.class, () -> service.importModel(ADMIN, roundTrip, "ds1", true));
        assertTrue(clash.getMessage().contains("already exists"), clash.getMessage());
        roundTrip.put("name", "Sales copy");
        assertNull(service.importModel(ADMIN, roundTrip, "ds1", true));
        assertEquals(1, models.size(), "a dry run creates nothing");
        String id = service.importModel(OTHER_ADMIN, roundTrip, "ds1", false);
        assertEquals(Access.OWNER, service.get(OTHER_ADMIN, id).access(), "imported models belong to the importer");
        assertThrows(ModelException.class, () -> service.get(ADMIN, id), "and are private");
        assertEquals("forbidden", assertThrows(ModelException.class,
                () -> service.importModel(MEMBER, roundTrip, "ds1", true)).code());

        @SuppressWarnings("unchecked")
        Map<String, Object> definition = (Map<String, Object>) roundTrip.get("definition");
        definition.put("baseTable", "nowhere");
        roundTrip.put("name", "Broken");
        assertEquals("definition.baseTable", assertThrows(ModelException.class,
                () -> service.importModel(ADMIN, roundTrip, "ds1", true)).field());
        definition.put("extra", 1);
        assertEquals("definition", assertThrows(ModelException.class,
                () -> service.importModel(ADMIN, roundTrip, "ds1", true)).field());
    }

    private ModelStore modelStore() {
        return new ModelStore() {
            @Override
            public SemanticModel create(SemanticModel m) {
                if (findByName(m.organizationId(), m.name()).isPresent()) {
                    throw new IllegalStateException("taken");
                }
                models.put(m.id(), m);
                return m;
            }

            @Override
            public Optional<SemanticModel> update(SemanticModel m) {
                return Optional.ofNullable(models.computeIfPresent(m.id(), (k, v) -> m));
            }

            @Override
            public Optional<SemanticModel> find(String org, String id) {
                return Optional.ofNullable(models.get(id)).filter(m -> m.organizationId().equals(org));
            }

            @Override
            public Optional<SemanticModel> findByName(String org, String name) {
                return models.values().stream().filter(m -> m.name().equalsIgnoreCase(name)).findFirst();
            }

            @Override
            public List<SemanticModel> list(String org) {
                return List.copyOf(models.values());
            }

            @Override
            public boolean delete(String org, String id) {
                return models.remove(id) != null;
            }
        };
    }

    private DataSourceStore dataSources() {
        DataSourceDefinition ds = new DataSourceDefinition("ds1", "org", "Demo", "h2", "h", 1, "d", "u", null, null, null,
                true, 120, 0, false, "admin", Instant.EPOCH, Instant.EPOCH);
        return new DataSourceStore() {
            @Override
            public Optional<DataSourceDefinition> find(String org, String id) {
                return Optional.of(ds).filter(d -> d.id().equals(id) && org.equals("org"));
            }

            @Override
            public Optional<StoredMetadata> metadata(String org, String id) {
                return Optional.ofNullable(metadata).map(m -> new StoredMetadata(Instant.EPOCH, "{}", m));
            }

            @Override
            public DataSourceDefinition create(DataSourceDefinition d) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<DataSourceDefinition> update(DataSourceDefinition d) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<DataSourceDefinition> list(String org) {
                return List.of(ds);
            }

            @Override
            public boolean delete(String org, String id) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void saveMetadata(String org, String id, Instant readAt, String summary, String schema) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<String, StoredMetadata> summaries(String org) {
                return Map.of();
            }

            @Override
            public List<Ref> metadataOlderThan(Instant before) {
                return List.of();
            }
        };
    }

    private SharingStore sharing() {
        return new SharingStore() {
            @Override
            public Share share(String org, String type, String id, String user, Access access, String by) {
                Share s = new Share(UUID.randomUUID().toString(), org, type, id, user, access, by, Instant.now());
                shares.add(s);
                return s;
            }

            @Override
            public boolean unshare(String org, String shareId) {
                return shares.removeIf(s -> s.id().equals(shareId));
            }

            @Override
            public java.util.Optional<Share> find(String org, String shareId) {
                return shares.stream().filter(s -> s.id().equals(shareId)).findFirst();
            }

            @Override
            public List<Share> sharesOf(String org, String type, String id) {
                return shares.stream().filter(s -> s.objectId().equals(id)).toList();
            }

            @Override
            public Access accessOf(String org, String type, String id, String creator, String user) {
                if (user.equals(creator)) {
                    return Access.OWNER;
                }
                return sharesOf(org, type, id).stream().filter(s -> s.userId() == null || s.userId().equals(user))
                        .map(Share::access).max(Enum::compareTo).orElse(Access.NONE);
            }

            @Override
            public Set<String> sharedWith(String org, String type, String user) {
                return shares.stream().filter(s -> s.userId() == null || s.userId().equals(user)).map(Share::objectId)
                        .collect(Collectors.toSet());
            }

            @Override
            public void unshareAll(String org, String type, String id) {
                shares.removeIf(s -> s.objectId().equals(id));
            }
        };
    }
}
