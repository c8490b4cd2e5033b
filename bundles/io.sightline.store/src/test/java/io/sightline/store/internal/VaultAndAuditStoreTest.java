package io.sightline.store.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import javax.persistence.EntityManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sightline.api.audit.AuditEntry;
import io.sightline.api.audit.AuditEvent;
import io.sightline.api.audit.AuditQuery;
import io.sightline.api.audit.AuditStore;
import io.sightline.api.vault.DataKey;
import io.sightline.api.vault.SealedSecret;

/** The vault's and the audit log's tables on real encrypted Derby, including tenant isolation. */
class VaultAndAuditStoreTest {
    @TempDir
    Path dir;

    private DerbyDatabase database;
    private EntityManagerFactory emf;
    private JpaVaultStore vault;
    private JpaAuditStore audit;
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
        vault = new JpaVaultStore(emf);
        audit = new JpaAuditStore(emf);
    }

    @AfterEach
    void close() {
        emf.close();
        database.close();
    }

    private static DataKey key(String org, String master) {
        return new DataKey(UUID.randomUUID().toString(), org, master, new byte[] {1, 2, 3}, true,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    private static SealedSecret secret(String org, String name, String keyId, byte[] ciphertext) {
        return new SealedSecret(org, name, keyId, ciphertext, Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void oneActiveDataKeyPerOrganization() {
        DataKey first = key(orgA, "m1");
        vault.addActiveDataKey(first);
        DataKey second = key(orgA, "m1");
        vault.addActiveDataKey(second);
        assertEquals(second.id(), vault.activeDataKey(orgA).orElseThrow().id());
        assertFalse(vault.dataKey(orgA, first.id()).orElseThrow().active());
        assertTrue(vault.activeDataKey(orgB).isEmpty());
        assertTrue(vault.dataKey(orgB, second.id()).isEmpty(), "another organization's key is invisible");
        assertEquals(List.of(orgA), vault.organizationsWithKeys());
        assertEquals(List.of("m1"), vault.masterKeysInUse());
    }

    @Test
    void rewrapOnlyFromTheExpectedMasterKey() {
        DataKey k = key(orgA, "m1");
        vault.addActiveDataKey(k);
        assertEquals(1, vault.dataKeysNotWrappedBy(orgA, "m2", 10).size());
        assertFalse(vault.rewrap(orgA, k.id(), "m0", "m2", new byte[] {9}));
        assertFalse(vault.rewrap(orgB, k.id(), "m1", "m2", new byte[] {9}), "not across organizations");
        assertTrue(vault.rewrap(orgA, k.id(), "m1", "m2", new byte[] {9}));
        assertArrayEquals(new byte[] {9}, vault.dataKey(orgA, k.id()).orElseThrow().wrapped());
        assertTrue(vault.dataKeysNotWrappedBy(orgA, "m2", 10).isEmpty());
        assertEquals(List.of("m2"), vault.masterKeysInUse());
    }

    @Test
    void secretsAreScopedReplacedAndReencryptedConditionally() {
        DataKey old = key(orgA, "m1");
        vault.addActiveDataKey(old);
        vault.putSecret(secret(orgA, "datasource:1:password", old.id(), new byte[] {1}));
        vault.putSecret(secret(orgA, "datasource:1:password", old.id(), new byte[] {2}));
        vault.putSecret(secret(orgA, "datasource:2:password", old.id(), new byte[] {3}));
        assertArrayEquals(new byte[] {2}, vault.secret(orgA, "datasource:1:password").orElseThrow().ciphertext());
        assertTrue(vault.secret(orgB, "datasource:1:password").isEmpty(), "another organization's secret is invisible");

        DataKey fresh = key(orgA, "m1");
        vault.addActiveDataKey(fresh);
        assertEquals(2, vault.secretsNotEncryptedWith(orgA, fresh.id(), 10).size());
        assertEquals(0, vault.deleteUnusedDataKeys(orgA), "the old key is still in use");
        assertTrue(vault.reencrypt(secret(orgA, "datasource:1:password", fresh.id(), new byte[] {4}), old.id()));
        assertFalse(vault.reencrypt(secret(orgA, "datasource:1:password", fresh.id(), new byte[] {5}), old.id()),
                "a value no longer under the old key is not overwritten");
        assertArrayEquals(new byte[] {4}, vault.secret(orgA, "datasource:1:password").orElseThrow().ciphertext());
        assertTrue(vault.reencrypt(secret(orgA, "datasource:2:password", fresh.id(), new byte[] {6}), old.id()));
        assertEquals(1, vault.deleteUnusedDataKeys(orgA));
        assertTrue(vault.dataKey(orgA, old.id()).isEmpty());

        assertEquals(0, vault.deleteSecrets(orgB, "datasource:"));
        assertTrue(vault.deleteSecret(orgA, "datasource:2:password"));
        assertFalse(vault.deleteSecret(orgA, "datasource:2:password"));
        vault.putSecret(secret(orgA, "datasource:10:password", fresh.id(), new byte[] {7}));
        assertEquals(1, vault.deleteSecrets(orgA, "datasource:1:"));
        assertTrue(vault.secret(orgA, "datasource:10:password").isPresent(), "prefix datasource:1: is not datasource:10:");
    }

    private static AuditEntry entry(String chain, long seq, String action, String actor, Instant at) {
        return new AuditEntry(chain, seq,
                new AuditEvent(at, AuditEntryEntity.organizationOf(chain), "u-" + actor, actor + "@example.com",
                        "127.0.0.1", action, "member", "m" + seq, "role=ADMIN"),
                "p" + seq, "h" + seq);
    }

    @Test
    void auditChainsAppendFindAndRefuseTakenSequences() {
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        assertTrue(audit.last(orgA).isEmpty());
        assertTrue(audit.append(orgA, List.of(
                entry(orgA, 1, "auth.login", "ann", t0),
                entry(orgA, 2, "member.role_change", "ann", t0.plusSeconds(60)),
                entry(orgA, 3, "auth.logout", "bob_x", t0.plusSeconds(120)))));
        assertTrue(audit.append(AuditStore.PLATFORM_CHAIN, List.of(entry(AuditStore.PLATFORM_CHAIN, 1, "auth.login_failed", "eve", t0))));
        assertFalse(audit.append(orgA, List.of(entry(orgA, 4, "x.y", "ann", t0), entry(orgA, 3, "x.y", "ann", t0))),
                "sequence 3 is taken");
        assertEquals(3, audit.last(orgA).orElseThrow().sequence(), "nothing of the refused batch was written");

        AuditEntry read = audit.last(orgA).orElseThrow();
        assertEquals(entry(orgA, 3, "auth.logout", "bob_x", t0.plusSeconds(120)), read);
        assertEquals(List.of(2L, 3L), audit.range(orgA, 1, 10).stream().map(AuditEntry::sequence).toList());

        AuditQuery all = new AuditQuery(null, null, null, null, null, null, 0, 10);
        assertEquals(3, audit.find(orgA, all).total());
        assertEquals(List.of(3L, 2L, 1L), audit.find(orgA, all).entries().stream().map(AuditEntry::sequence).toList());
        assertEquals(1, audit.find(orgB, all).total() + audit.find(AuditStore.PLATFORM_CHAIN, all).total());
        assertEquals(2, audit.find(orgA, new AuditQuery(null, "auth.", null, null, null, null, 0, 10)).total());
        assertEquals(1, audit.find(orgA, new AuditQuery("BOB_", null, null, null, null, null, 0, 10)).total());
        assertEquals(0, audit.find(orgA, new AuditQuery("%", null, null, null, null, null, 0, 10)).total(), "% is literal");
        assertEquals(2, audit.find(orgA, new AuditQuery("u-ann", null, null, null, null, null, 0, 10)).total());
        assertEquals(1, audit.find(orgA, new AuditQuery(null, null, "member", "m2", null, null, 0, 10)).total());
        assertEquals(1, audit.find(orgA, new AuditQuery(null, null, null, null, t0.plusSeconds(30), t0.plusSeconds(90), 0, 10)).total());
        assertEquals(List.of(2L), audit.find(orgA, all.page(1, 1)).entries().stream().map(AuditEntry::sequence).toList());
        assertEquals(List.of(orgA, AuditStore.PLATFORM_CHAIN).stream().sorted().toList(), audit.chains());
    }

    @Test
    void aLongChainAppendsInBatches() {
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        List<AuditEntry> batch = LongStream.rangeClosed(1, 500).mapToObj(i -> entry(orgB, i, "query.run", "ann", t0.plusMillis(i))).toList();
        assertTrue(audit.append(orgB, batch));
        assertEquals(500, audit.last(orgB).orElseThrow().sequence());
        assertEquals(500, audit.range(orgB, 0, 1000).size());
    }
}
