package io.sightline.vault.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

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

import io.sightline.api.audit.AuditEvent;
import io.sightline.api.audit.AuditLog;
import io.sightline.api.vault.CredentialVault;
import io.sightline.api.vault.DataKey;
import io.sightline.api.vault.SealedSecret;
import io.sightline.api.vault.VaultStore;

/**
 * Envelope encryption (SPEC V-1, V-3): each organization's secrets are encrypted with its data key
 * (AES-256-GCM, fresh nonce per value, organization, name and key id as associated data); data keys
 * are stored wrapped by the master key, which never enters the database. Unwrapped data keys are
 * kept in memory only, and dropped when the component stops.
 *
 * <p>Rotation runs while the server serves: master key rotation re-wraps data keys (values stay as
 * they are); data key rotation re-encrypts values one by one with a conditional write, so readers
 * always find a key that opens what they read. Both resume where an interrupted run stopped.
 */
@Component(service = {CredentialVault.class, EnvelopeVault.class}, configurationPid = EnvelopeVault.PID)
@Designate(ocd = VaultConfig.class)
public class EnvelopeVault implements CredentialVault {
    static final String PID = "io.sightline.vault";
    private static final Logger LOG = LoggerFactory.getLogger(EnvelopeVault.class);
    private static final int BATCH = 100;
    private static final int MAX_NAME = 200;

    private final VaultStore store;
    private final MasterKeys master;
    private final Map<String, SecretKey> dataKeys = new ConcurrentHashMap<>();
    /**
     * Writes (read lock, many at once) and rotations (write lock) exclude each other: a value written
     * under a data key that a rotation is about to drop, or a data key wrapped by a master key it is
     * about to remove, would be lost. Reads take no lock.
     */
    private final ReentrantReadWriteLock rotation = new ReentrantReadWriteLock(true);
    private final Object firstKey = new Object();
    private volatile AuditLog audit;

    /** Who asked for a rotation, for the audit log. */
    public record Actor(String userId, String email, String organizationId, String sourceAddress) {
        public static final Actor OPS = new Actor(AuditEvent.SYSTEM, null, null, null);
    }

    /**
     * What a rotation did.
     *
     * @param resumed whether it finished an earlier, interrupted rotation instead of starting one
     */
    public record Rotation(String kind, String keyId, boolean resumed, int dataKeysRewrapped, int secretsReencrypted,
            int keysRemoved) {}

    /** What the API shows about an organization's keys; never key material. */
    public record Status(String masterKeyId, String masterKeySource, String dataKeyId, Instant dataKeyCreatedAt,
            long secrets, long secretsUnderOtherKeys) {}

    @Activate
    public EnvelopeVault(@Reference VaultStore store, VaultConfig config) throws IOException {
        this(store, MasterKeys.load(keyFile(config.master_key_file()),
                config.master_key_environment().isBlank() ? null : System.getenv(config.master_key_environment())));
        LOG.info("Vault ready: master key {} from {}", master.activeId(), master.where());
    }

    EnvelopeVault(VaultStore store, MasterKeys master) {
        this.store = store;
        this.master = master;
    }

    private static Path keyFile(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("karaf.etc", "etc"), "keys", "vault-master.keys");
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setAudit(AuditLog log) {
        this.audit = log;
    }

    void unsetAudit(AuditLog log) {
        if (this.audit == log) {
            this.audit = null;
        }
    }

    @Deactivate
    void deactivate() {
        dataKeys.clear();
    }

    // ---- CredentialVault ----

    @Override
    public void put(String organizationId, String name, char[] plaintext) {
        requireName(organizationId, name);
        if (plaintext == null || plaintext.length == 0) {
            throw new IllegalArgumentException("an empty secret cannot be stored; delete it instead");
        }
        byte[] bytes = utf8(plaintext);
        rotation.readLock().lock();
        try {
            // Checked after writing: a rotation on another node may have dropped the key meanwhile.
            for (int attempt = 0; attempt < 3; attempt++) {
                DataKey key = activeDataKey(organizationId);
                store.putSecret(seal(organizationId, name, key.id(), dataKey(key), bytes));
                if (store.dataKey(organizationId, key.id()).isPresent()) {
                    return;
                }
            }
            throw new IllegalStateException("the organization's data key keeps changing; try again");
        } finally {
            rotation.readLock().unlock();
            Arrays.fill(bytes, (byte) 0);
        }
    }

    @Override
    public char[] open(String organizationId, String name) {
        requireName(organizationId, name);
        // Twice at most: a data key rotation may move the value and drop its old key in between.
        for (int attempt = 0; ; attempt++) {
            Optional<SealedSecret> sealed = store.secret(organizationId, name);
            if (sealed.isEmpty()) {
                return null;
            }
            String keyId = sealed.get().dataKeyId();
            // An unwrapped key in memory needs no database read (keys are ids, never reused).
            SecretKey key = dataKeys.get(keyId);
            if (key == null) {
                Optional<DataKey> stored = store.dataKey(organizationId, keyId);
                if (stored.isEmpty() && attempt == 0) {
                    continue;
                }
                if (stored.isEmpty()) {
                    throw new SecurityException("the data key of secret " + name + " is missing");
                }
                key = dataKey(stored.get());
            }
            byte[] bytes = AesGcm.open(key, sealed.get().ciphertext(), secretData(organizationId, name, keyId));
            try {
                return chars(bytes);
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }

    @Override
    public boolean isSet(String organizationId, String name) {
        requireName(organizationId, name);
        return store.secret(organizationId, name).isPresent();
    }

    @Override
    public void delete(String organizationId, String name) {
        requireName(organizationId, name);
        store.deleteSecret(organizationId, name);
    }

    @Override
    public void deleteAll(String organizationId, String prefix) {
        requireName(organizationId, prefix);
        store.deleteSecrets(organizationId, prefix);
    }

    // ---- rotation (SPEC V-3) ----

    /**
     * Re-wraps every data key under a new master key, then drops the old master key from the file.
     * If an earlier rotation stopped half-way, finishes it instead of starting a new one.
     */
    public Rotation rotateMasterKey(Actor actor) throws IOException {
        rotation.writeLock().lock();
        try {
            boolean resumed = store.masterKeysInUse().stream().anyMatch(id -> !id.equals(master.activeId()));
            if (!resumed) {
                master.addActive();
            }
            String active = master.activeId();
            int rewrapped = 0;
            for (String organizationId : store.organizationsWithKeys()) {
                List<DataKey> batch;
                while (!(batch = store.dataKeysNotWrappedBy(organizationId, active, BATCH)).isEmpty()) {
                    for (DataKey key : batch) {
                        byte[] wrapped = wrap(organizationId, key.id(), dataKey(key), active);
                        if (store.rewrap(organizationId, key.id(), key.masterKeyId(), active, wrapped)) {
                            rewrapped++;
                        }
                    }
                }
            }
            int removed = master.retainOnly(java.util.Set.copyOf(store.masterKeysInUse())).size();
            Rotation result = new Rotation("master", active, resumed, rewrapped, 0, removed);
            LOG.info("Master key rotated to {} ({}): {} data keys re-wrapped, {} old master keys removed",
                    active, resumed ? "resumed" : "new key", rewrapped, removed);
            record(actor, "vault.rotate_master_key", actor.organizationId(), result);
            return result;
        } finally {
            rotation.writeLock().unlock();
        }
    }

    /**
     * Re-encrypts every secret of the organization under a new data key and drops the old keys. If
     * an earlier rotation stopped half-way, finishes it under the key it had made.
     */
    public Rotation rotateDataKey(String organizationId, Actor actor) {
        rotation.writeLock().lock();
        try {
            Optional<DataKey> current = store.activeDataKey(organizationId);
            boolean resumed = current.isPresent()
                    && !store.secretsNotEncryptedWith(organizationId, current.get().id(), 1).isEmpty();
            DataKey target = resumed ? current.get() : newDataKey(organizationId);
            SecretKey targetKey = dataKey(target);
            int reencrypted = 0;
            List<SealedSecret> batch;
            while (!(batch = store.secretsNotEncryptedWith(organizationId, target.id(), BATCH)).isEmpty()) {
                for (SealedSecret old : batch) {
                    DataKey oldKey = store.dataKey(organizationId, old.dataKeyId())
                            .orElseThrow(() -> new SecurityException("the data key of secret " + old.name() + " is missing"));
                    byte[] bytes = AesGcm.open(dataKey(oldKey), old.ciphertext(), secretData(organizationId, old.name(), oldKey.id()));
                    try {
                        if (store.reencrypt(seal(organizationId, old.name(), target.id(), targetKey, bytes), old.dataKeyId())) {
                            reencrypted++;
                        }
                    } finally {
                        Arrays.fill(bytes, (byte) 0);
                    }
                }
            }
            int removed = store.deleteUnusedDataKeys(organizationId);
            Rotation result = new Rotation("data", target.id(), resumed, 0, reencrypted, removed);
            LOG.info("Data key of organization {} rotated to {}: {} secrets re-encrypted, {} old keys removed",
                    organizationId, target.id(), reencrypted, removed);
            record(actor, "vault.rotate_data_key", organizationId, result);
            return result;
        } finally {
            rotation.writeLock().unlock();
        }
    }

    /** Organizations that have keys, for rotating them all from the shell. */
    public List<String> organizationsWithKeys() {
        return store.organizationsWithKeys();
    }

    public Status status(String organizationId) {
        Optional<DataKey> key = store.activeDataKey(organizationId);
        VaultStore.SecretCounts counts = store.countSecrets(organizationId, key.map(DataKey::id).orElse(""));
        return new Status(master.activeId(), master.source().name().toLowerCase(java.util.Locale.ROOT),
                key.map(DataKey::id).orElse(null), key.map(DataKey::createdAt).orElse(null),
                counts.total(), counts.total() - counts.withKey());
    }

    public String masterKeyId() {
        return master.activeId();
    }

    public java.util.Set<String> masterKeyIds() {
        return master.ids();
    }

    private void record(Actor actor, String action, String organizationId, Rotation result) {
        AuditLog log = audit;
        if (log == null) {
            LOG.warn("Audit log unavailable; {} not recorded in it", action);
            return;
        }
        log.record(AuditEvent.now(organizationId, actor.userId(), actor.email(), actor.sourceAddress(), action,
                "vault_key", result.keyId(),
                (result.resumed() ? "resumed; " : "") + "data keys re-wrapped=" + result.dataKeysRewrapped()
                        + ", secrets re-encrypted=" + result.secretsReencrypted() + ", old keys removed=" + result.keysRemoved()));
    }

    // ---- keys ----

    private DataKey activeDataKey(String organizationId) {
        Optional<DataKey> key = store.activeDataKey(organizationId);
        if (key.isPresent()) {
            return key.get();
        }
        synchronized (firstKey) { // one first key per organization, even when two secrets arrive at once
            return store.activeDataKey(organizationId).orElseGet(() -> newDataKey(organizationId));
        }
    }

    private DataKey newDataKey(String organizationId) {
        SecretKey raw = MasterKeys.newKey();
        String id = UUID.randomUUID().toString();
        DataKey key = new DataKey(id, organizationId, master.activeId(), wrap(organizationId, id, raw, master.activeId()),
                true, Instant.now().truncatedTo(ChronoUnit.MICROS));
        store.addActiveDataKey(key);
        dataKeys.put(id, raw);
        return key;
    }

    private SecretKey dataKey(DataKey key) {
        return dataKeys.computeIfAbsent(key.id(), id -> new SecretKeySpec(
                AesGcm.open(master.get(key.masterKeyId()), key.wrapped(), keyData(key.organizationId(), id)), "AES"));
    }

    private byte[] wrap(String organizationId, String keyId, SecretKey key, String masterKeyId) {
        return AesGcm.seal(master.get(masterKeyId), key.getEncoded(), keyData(organizationId, keyId));
    }

    private static SealedSecret seal(String organizationId, String name, String keyId, SecretKey key, byte[] plaintext) {
        return new SealedSecret(organizationId, name, keyId,
                AesGcm.seal(key, plaintext, secretData(organizationId, name, keyId)),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    private static byte[] keyData(String organizationId, String keyId) {
        return AesGcm.associatedData("sightline-data-key-v1", organizationId, keyId);
    }

    private static byte[] secretData(String organizationId, String name, String keyId) {
        return AesGcm.associatedData("sightline-secret-v1", organizationId, name, keyId);
    }

    private static void requireName(String organizationId, String name) {
        Objects.requireNonNull(organizationId, "organizationId");
        if (name == null || name.isEmpty() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("secret name: required, at most " + MAX_NAME + " characters");
        }
    }

    private static byte[] utf8(char[] chars) {
        try {
            ByteBuffer buffer = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(chars));
            byte[] bytes = Arrays.copyOf(buffer.array(), buffer.limit());
            Arrays.fill(buffer.array(), (byte) 0);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("secret: not valid text");
        }
    }

    private static char[] chars(byte[] bytes) {
        try {
            CharBuffer buffer = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            char[] chars = Arrays.copyOf(buffer.array(), buffer.limit());
            Arrays.fill(buffer.array(), '\0');
            return chars;
        } catch (CharacterCodingException e) {
            throw new SecurityException("stored value is damaged");
        }
    }
}
