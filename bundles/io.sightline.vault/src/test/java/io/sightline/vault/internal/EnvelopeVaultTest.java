package io.sightline.vault.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sightline.api.vault.SealedSecret;

/** The vault's crypto and rotation, with real AES-GCM and a real key file. */
class EnvelopeVaultTest {
    private static final String A = "org-a";
    private static final String B = "org-b";

    @TempDir
    Path dir;

    private final InMemoryVaultStore store = new InMemoryVaultStore();

    private Path keyFile() {
        return dir.resolve("keys/vault-master.keys");
    }

    private EnvelopeVault vault() throws Exception {
        return new EnvelopeVault(store, MasterKeys.load(keyFile(), null));
    }

    private static String open(EnvelopeVault vault, String org, String name) {
        char[] value = vault.open(org, name);
        return value == null ? null : new String(value);
    }

    @Test
    void secretsRoundTripAndSurviveARestart() throws Exception {
        EnvelopeVault vault = vault();
        vault.put(A, "datasource:1:password", "pässwörd ✓ 🔑".toCharArray());
        vault.put(B, "datasource:1:password", "other".toCharArray());
        assertEquals("pässwörd ✓ 🔑", open(vault, A, "datasource:1:password"));
        assertTrue(vault.isSet(A, "datasource:1:password"));
        assertFalse(vault.isSet(A, "datasource:2:password"));
        assertNull(vault.open(A, "datasource:2:password"));

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile().getParent())));
        assertEquals("other", open(vault(), B, "datasource:1:password"), "a new vault over the same key file");
    }

    @Test
    void nothingReadableIsStored() throws Exception {
        vault().put(A, "webhook", "https://hooks.example.com/T000/B000/SECRET-XYZ".toCharArray());
        SealedSecret sealed = store.secrets.values().iterator().next();
        String stored = new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1) + sealed;
        assertFalse(stored.contains("SECRET-XYZ"));
        assertFalse(store.keys.values().iterator().next().toString().contains(Base64.getEncoder().encodeToString(
                store.keys.values().iterator().next().wrapped())), "toString shows no key material");
    }

    @Test
    void aCiphertextMovedToAnotherNameOrOrganizationDoesNotOpen() throws Exception {
        EnvelopeVault vault = vault();
        vault.put(A, "datasource:1:password", "alpha".toCharArray());
        vault.put(A, "datasource:2:password", "beta".toCharArray());
        SealedSecret one = store.secret(A, "datasource:1:password").orElseThrow();
        store.putSecret(new SealedSecret(A, "datasource:2:password", one.dataKeyId(), one.ciphertext(), one.updatedAt()));
        assertThrows(SecurityException.class, () -> vault.open(A, "datasource:2:password"));

        vault.put(B, "x", "b".toCharArray());
        store.putSecret(new SealedSecret(B, "datasource:1:password", one.dataKeyId(), one.ciphertext(), one.updatedAt()));
        assertThrows(SecurityException.class, () -> vault.open(B, "datasource:1:password"),
                "another organization's key id is not found in this organization");
    }

    @Test
    void aFlippedBitIsDetected() throws Exception {
        EnvelopeVault vault = vault();
        vault.put(A, "k", "hunter2-secret".toCharArray());
        SealedSecret s = store.secret(A, "k").orElseThrow();
        byte[] bad = s.ciphertext().clone();
        bad[bad.length - 3] ^= 1;
        store.putSecret(new SealedSecret(A, "k", s.dataKeyId(), bad, s.updatedAt()));
        SecurityException e = assertThrows(SecurityException.class, () -> vault.open(A, "k"));
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void anotherMasterKeyCannotOpen() throws Exception {
        vault().put(A, "k", "value".toCharArray());
        String other = Base64.getEncoder().encodeToString(MasterKeys.newKey().getEncoded());
        EnvelopeVault wrong = new EnvelopeVault(store, MasterKeys.load(dir.resolve("unused"), other));
        assertThrows(SecurityException.class, () -> wrong.open(A, "k"));
    }

    @Test
    void masterKeyRotationRewrapsKeysAndDropsTheOldMasterKey() throws Exception {
        EnvelopeVault vault = vault();
        vault.put(A, "k", "a-value".toCharArray());
        vault.put(B, "k", "b-value".toCharArray());
        String before = vault.masterKeyId();
        EnvelopeVault.Rotation r = vault.rotateMasterKey(EnvelopeVault.Actor.OPS);
        assertFalse(r.resumed());
        assertEquals(2, r.dataKeysRewrapped());
        assertEquals(1, r.keysRemoved());
        assertTrue(!r.keyId().equals(before));
        assertEquals(List.of(r.keyId()), store.masterKeysInUse());
        assertFalse(Files.readString(keyFile()).contains(before), "the old master key is gone from the file");
        assertEquals("a-value", open(vault, A, "k"));
        assertEquals("b-value", open(vault(), B, "k"), "a restarted vault opens with the new key only");
    }

    @Test
    void anInterruptedMasterKeyRotationIsFinishedByTheNextRun() throws Exception {
        EnvelopeVault vault = vault();
        for (String org : List.of("o1", "o2", "o3")) {
            vault.put(org, "k", org.toCharArray());
        }
        String first = vault.masterKeyId();
        store.rewrapsBeforeFailure = 1;
        assertThrows(IllegalStateException.class, () -> vault.rotateMasterKey(EnvelopeVault.Actor.OPS));
        String second = vault.masterKeyId();
        assertEquals(List.of(first, second).stream().sorted().toList(), store.masterKeysInUse());
        assertEquals("o3", open(vault(), "o3", "k"), "half-way, a restarted vault still opens everything");

        store.rewrapsBeforeFailure = -1;
        EnvelopeVault.Rotation r = vault().rotateMasterKey(EnvelopeVault.Actor.OPS);
        assertTrue(r.resumed());
        assertEquals(second, r.keyId(), "the interrupted rotation is finished, no third key made");
        assertEquals(2, r.dataKeysRewrapped());
        assertEquals(List.of(second), store.masterKeysInUse());
        for (String org : List.of("o1", "o2", "o3")) {
            assertEquals(org, open(vault(), org, "k"));
        }
    }

    @Test
    void dataKeyRotationUnderConcurrentReadsAndWrites() throws Exception {
        EnvelopeVault vault = vault();
        for (int i = 0; i < 40; i++) {
            vault.put(A, "secret-" + i, ("value-" + i).toCharArray());
        }
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> readers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            readers.add(pool.submit(() -> {
                int i = 0;
                while (running.get()) {
                    int n = i++ % 40;
                    assertEquals("value-" + n, open(vault, A, "secret-" + n));
                    reads.incrementAndGet();
                }
                return null;
            }));
        }
        Future<?> writer = pool.submit(() -> {
            for (int round = 0; running.get(); round++) {
                vault.put(A, "moving", ("round-" + round).toCharArray());
                assertEquals("round-" + round, open(vault, A, "moving"));
            }
            return null;
        });
        for (int i = 0; i < 10; i++) {
            EnvelopeVault.Rotation r = vault.rotateDataKey(A, EnvelopeVault.Actor.OPS);
            assertFalse(r.resumed());
            vault.rotateMasterKey(EnvelopeVault.Actor.OPS);
        }
        running.set(false);
        for (Future<?> f : readers) {
            f.get(10, TimeUnit.SECONDS); // rethrows any failed read
        }
        writer.get(10, TimeUnit.SECONDS);
        pool.shutdown();
        assertTrue(reads.get() > 100, "readers ran during the rotations: " + reads.get());
        EnvelopeVault.Status status = vault.status(A);
        assertEquals(41, status.secrets());
        assertEquals(0, status.secretsUnderOtherKeys());
        assertEquals(1, store.keys.size(), "old data keys are removed once unused");
    }

    @Test
    void aMasterKeyFromTheEnvironmentWorksButIsNotRotatedHere() throws Exception {
        String env = Base64.getEncoder().encodeToString(MasterKeys.newKey().getEncoded());
        EnvelopeVault vault = new EnvelopeVault(store, MasterKeys.load(keyFile(), env));
        vault.put(A, "k", "v".toCharArray());
        assertFalse(Files.exists(keyFile()), "no key file when the key comes from the environment");
        assertEquals("v", open(new EnvelopeVault(store, MasterKeys.load(keyFile(), env)), A, "k"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> vault.rotateMasterKey(EnvelopeVault.Actor.OPS));
        assertTrue(e.getMessage().contains("environment"));
        assertThrows(java.io.IOException.class, () -> MasterKeys.load(keyFile(), "c2hvcnQ="), "a short key is refused");
    }

    @Test
    void namesAndValuesAreValidated() throws Exception {
        EnvelopeVault vault = vault();
        assertThrows(IllegalArgumentException.class, () -> vault.put(A, "", "v".toCharArray()));
        assertThrows(IllegalArgumentException.class, () -> vault.put(A, "x".repeat(201), "v".toCharArray()));
        assertThrows(IllegalArgumentException.class, () -> vault.put(A, "k", new char[0]));
        vault.put(A, "datasource:1:password", "p".toCharArray());
        vault.put(A, "datasource:1:ssh-key", "k".toCharArray());
        vault.put(A, "datasource:10:password", "q".toCharArray());
        vault.deleteAll(A, "datasource:1:");
        assertFalse(vault.isSet(A, "datasource:1:password"));
        assertArrayEquals("q".toCharArray(), vault.open(A, "datasource:10:password"));
        vault.delete(A, "datasource:10:password");
        assertFalse(vault.isSet(A, "datasource:10:password"));
    }
}
