package io.sightline.vault.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.sightline.api.vault.DataKey;
import io.sightline.api.vault.SealedSecret;
import io.sightline.api.vault.VaultStore;

/**
 * The {@link VaultStore} contract in memory, with the same conditional writes as the JPA store
 * (which has its own tests on Derby), so the vault's crypto and rotation can be tested fast here.
 */
class InMemoryVaultStore implements VaultStore {
    final Map<String, DataKey> keys = new LinkedHashMap<>();
    final Map<String, SealedSecret> secrets = new LinkedHashMap<>();
    /** Fails every rewrap after this many succeed (simulates a crash mid-rotation); -1 = never. */
    int rewrapsBeforeFailure = -1;

    private static String secretId(String org, String name) {
        return org + "\u0000" + name;
    }

    @Override
    public synchronized Optional<DataKey> activeDataKey(String org) {
        return keys.values().stream().filter(k -> k.organizationId().equals(org) && k.active()).findFirst();
    }

    @Override
    public synchronized Optional<DataKey> dataKey(String org, String keyId) {
        return Optional.ofNullable(keys.get(keyId)).filter(k -> k.organizationId().equals(org));
    }

    @Override
    public synchronized void addActiveDataKey(DataKey key) {
        keys.replaceAll((id, k) -> k.organizationId().equals(key.organizationId())
                ? new DataKey(k.id(), k.organizationId(), k.masterKeyId(), k.wrapped(), false, k.createdAt()) : k);
        keys.put(key.id(), key);
    }

    @Override
    public synchronized List<String> organizationsWithKeys() {
        return new ArrayList<>(new TreeSet<>(keys.values().stream().map(DataKey::organizationId).toList()));
    }

    @Override
    public synchronized List<DataKey> dataKeysNotWrappedBy(String org, String masterKeyId, int limit) {
        return keys.values().stream().filter(k -> k.organizationId().equals(org) && !k.masterKeyId().equals(masterKeyId))
                .limit(limit).toList();
    }

    @Override
    public synchronized boolean rewrap(String org, String keyId, String expected, String masterKeyId, byte[] wrapped) {
        DataKey k = dataKey(org, keyId).orElse(null);
        if (k == null || !k.masterKeyId().equals(expected)) {
            return false;
        }
        if (rewrapsBeforeFailure == 0) {
            throw new IllegalStateException("store went away");
        }
        if (rewrapsBeforeFailure > 0) {
            rewrapsBeforeFailure--;
        }
        keys.put(keyId, new DataKey(keyId, org, masterKeyId, wrapped, k.active(), k.createdAt()));
        return true;
    }

    @Override
    public synchronized int deleteUnusedDataKeys(String org) {
        List<String> unused = keys.values().stream()
                .filter(k -> k.organizationId().equals(org) && !k.active())
                .filter(k -> secrets.values().stream().noneMatch(s -> s.dataKeyId().equals(k.id())))
                .map(DataKey::id).toList();
        unused.forEach(keys::remove);
        return unused.size();
    }

    @Override
    public synchronized List<String> masterKeysInUse() {
        return new ArrayList<>(new TreeSet<>(keys.values().stream().map(DataKey::masterKeyId).toList()));
    }

    @Override
    public synchronized void putSecret(SealedSecret secret) {
        secrets.put(secretId(secret.organizationId(), secret.name()), secret);
    }

    @Override
    public synchronized Optional<SealedSecret> secret(String org, String name) {
        return Optional.ofNullable(secrets.get(secretId(org, name)));
    }

    @Override
    public synchronized boolean deleteSecret(String org, String name) {
        return secrets.remove(secretId(org, name)) != null;
    }

    @Override
    public synchronized int deleteSecrets(String org, String prefix) {
        List<String> ids = secrets.values().stream()
                .filter(s -> s.organizationId().equals(org) && s.name().startsWith(prefix))
                .map(s -> secretId(org, s.name())).toList();
        ids.forEach(secrets::remove);
        return ids.size();
    }

    @Override
    public synchronized SecretCounts countSecrets(String org, String dataKeyId) {
        List<SealedSecret> mine = secrets.values().stream().filter(s -> s.organizationId().equals(org)).toList();
        return new SecretCounts(mine.size(), mine.stream().filter(s -> s.dataKeyId().equals(dataKeyId)).count());
    }

    @Override
    public synchronized List<SealedSecret> secretsNotEncryptedWith(String org, String dataKeyId, int limit) {
        return secrets.values().stream().filter(s -> s.organizationId().equals(org) && !s.dataKeyId().equals(dataKeyId))
                .limit(limit).toList();
    }

    @Override
    public synchronized boolean reencrypt(SealedSecret secret, String expectedDataKeyId) {
        SealedSecret current = secrets.get(secretId(secret.organizationId(), secret.name()));
        if (current == null || !current.dataKeyId().equals(expectedDataKeyId)) {
            return false;
        }
        secrets.put(secretId(secret.organizationId(), secret.name()), secret);
        return true;
    }
}
