package io.sightline.api.vault;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Persistence of the vault's wrapped data keys and encrypted secrets, filtered by organization like
 * every organization-scoped store. It never sees a plaintext or an unwrapped key: the vault
 * module encrypts before calling it. Implemented by the store module.
 */
@ProviderType
public interface VaultStore {

    /** The organization's active data key, if it has one yet. */
    Optional<DataKey> activeDataKey(String organizationId);

    Optional<DataKey> dataKey(String organizationId, String keyId);

    /** Stores a new data key and makes it the organization's only active one. */
    void addActiveDataKey(DataKey key);

    /** Organizations that have data keys (for master key rotation, which visits them all). */
    List<String> organizationsWithKeys();

    /** Up to {@code limit} of the organization's data keys that are not wrapped by {@code masterKeyId}. */
    List<DataKey> dataKeysNotWrappedBy(String organizationId, String masterKeyId, int limit);

    /**
     * Replaces a data key's wrapping, if it is still wrapped by {@code expectedMasterKeyId}.
     *
     * @return whether it was replaced
     */
    boolean rewrap(String organizationId, String keyId, String expectedMasterKeyId, String masterKeyId, byte[] wrapped);

    /** Removes the organization's inactive data keys that no secret uses any more; answers how many. */
    int deleteUnusedDataKeys(String organizationId);

    /** Every data key of every organization is wrapped by one of these master keys (or there are none). */
    List<String> masterKeysInUse();

    /** Stores (or replaces) a secret. */
    void putSecret(SealedSecret secret);

    Optional<SealedSecret> secret(String organizationId, String name);

    boolean deleteSecret(String organizationId, String name);

    int deleteSecrets(String organizationId, String prefix);

    /** How many secrets the organization has, and how many of them are encrypted with {@code dataKeyId}. */
    SecretCounts countSecrets(String organizationId, String dataKeyId);

    /** Answer of {@link #countSecrets}. */
    record SecretCounts(long total, long withKey) {}

    /** Up to {@code limit} of the organization's secrets encrypted with another key than {@code dataKeyId}. */
    List<SealedSecret> secretsNotEncryptedWith(String organizationId, String dataKeyId, int limit);

    /**
     * Replaces a secret's ciphertext, if it is still encrypted with {@code expectedDataKeyId} (a
     * concurrent write of a new value wins over re-encryption).
     *
     * @return whether it was replaced
     */
    boolean reencrypt(SealedSecret secret, String expectedDataKeyId);
}
