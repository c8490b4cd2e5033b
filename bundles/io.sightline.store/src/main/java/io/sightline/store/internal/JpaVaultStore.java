package io.sightline.store.internal;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.sightline.api.vault.DataKey;
import io.sightline.api.vault.SealedSecret;
import io.sightline.api.vault.VaultStore;

/** {@link VaultStore} over the platform persistence unit; every call but two is scoped to one organization. */
@Component(service = VaultStore.class)
public class JpaVaultStore implements VaultStore {
    private final Tenancy tenancy;

    @Activate
    public JpaVaultStore(@Reference(target = PlatformDatabase.UNIT_FILTER) EntityManagerFactory emf) {
        this.tenancy = new Tenancy(emf);
    }

    @Override
    public Optional<DataKey> activeDataKey(String organizationId) {
        return tenancy.inOrganization(organizationId, em -> em
                .createQuery("SELECT k FROM DataKey k WHERE k.active = :active", DataKeyEntity.class)
                .setParameter("active", true)
                .getResultStream().findFirst().map(k -> k.toRecord(organizationId)));
    }

    @Override
    public Optional<DataKey> dataKey(String organizationId, String keyId) {
        return tenancy.inOrganization(organizationId,
                em -> Optional.ofNullable(em.find(DataKeyEntity.class, keyId)).map(k -> k.toRecord(organizationId)));
    }

    @Override
    public void addActiveDataKey(DataKey key) {
        tenancy.inOrganization(key.organizationId(), em -> {
            em.createQuery("SELECT k FROM DataKey k WHERE k.active = :active", DataKeyEntity.class)
                    .setParameter("active", true)
                    .getResultStream().forEach(DataKeyEntity::deactivate);
            em.persist(new DataKeyEntity(new DataKey(key.id(), key.organizationId(), key.masterKeyId(), key.wrapped(),
                    true, key.createdAt())));
            return null;
        });
    }

    @Override
    public List<String> organizationsWithKeys() {
        // Crosses organizations by design: master key rotation visits each one; reads ids only.
        return tenancy.platformWide(em -> strings(em, "SELECT DISTINCT org_id FROM vault_data_keys ORDER BY org_id"));
    }

    @Override
    public List<String> masterKeysInUse() {
        return tenancy.platformWide(em -> strings(em, "SELECT DISTINCT master_key_id FROM vault_data_keys ORDER BY master_key_id"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(EntityManager em, String sql) {
        return em.createNativeQuery(sql).setHint(Tenancy.CROSS_TENANT, true).getResultList();
    }

    @Override
    public List<DataKey> dataKeysNotWrappedBy(String organizationId, String masterKeyId, int limit) {
        return tenancy.inOrganization(organizationId, em -> em
                .createQuery("SELECT k FROM DataKey k WHERE k.masterKeyId <> :master ORDER BY k.createdAt, k.id",
                        DataKeyEntity.class)
                .setParameter("master", masterKeyId)
                .setMaxResults(limit)
                .getResultStream().map(k -> k.toRecord(organizationId)).toList());
    }

    @Override
    public boolean rewrap(String organizationId, String keyId, String expectedMasterKeyId, String masterKeyId,
            byte[] wrapped) {
        // One conditional UPDATE, so a concurrent rotation cannot interleave between check and write.
        return tenancy.inOrganization(organizationId, em -> em
                .createQuery("UPDATE DataKey k SET k.masterKeyId = :master, k.wrappedKey = :wrapped "
                        + "WHERE k.id = :id AND k.masterKeyId = :expected")
                .setParameter("master", masterKeyId)
                .setParameter("wrapped", Base64.getEncoder().encodeToString(wrapped))
                .setParameter("id", keyId)
                .setParameter("expected", expectedMasterKeyId)
                .executeUpdate() == 1);
    }

    @Override
    public int deleteUnusedDataKeys(String organizationId) {
        return tenancy.inOrganization(organizationId, em -> {
            // The active flag is filtered here, not in SQL: EclipseLink inlines literals in queries
            // with a subquery, and Derby refuses to compare BOOLEAN with the 0 it writes.
            List<DataKeyEntity> unused = em.createQuery("SELECT k FROM DataKey k WHERE NOT EXISTS "
                            + "(SELECT s FROM Secret s WHERE s.dataKeyId = k.id)", DataKeyEntity.class)
                    .getResultStream().filter(k -> !k.active()).toList();
            unused.forEach(em::remove);
            return unused.size();
        });
    }

    @Override
    public void putSecret(SealedSecret secret) {
        tenancy.inOrganization(secret.organizationId(), em -> {
            Optional<SecretEntity> existing = find(em, secret.name());
            if (existing.isPresent()) {
                existing.get().update(secret);
            } else {
                em.persist(new SecretEntity(UUID.randomUUID().toString(), secret));
            }
            return null;
        });
    }

    @Override
    public Optional<SealedSecret> secret(String organizationId, String name) {
        return tenancy.inOrganization(organizationId, em -> find(em, name).map(s -> s.toRecord(organizationId)));
    }

    @Override
    public boolean deleteSecret(String organizationId, String name) {
        return tenancy.inOrganization(organizationId, em -> em
                .createQuery("DELETE FROM Secret s WHERE s.name = :name")
                .setParameter("name", name)
                .executeUpdate() > 0);
    }

    @Override
    public int deleteSecrets(String organizationId, String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("prefix: required");
        }
        return tenancy.inOrganization(organizationId, em -> em
                .createQuery("DELETE FROM Secret s WHERE SUBSTRING(s.name, 1, :length) = :prefix")
                .setParameter("length", prefix.length())
                .setParameter("prefix", prefix)
                .executeUpdate());
    }

    @Override
    public SecretCounts countSecrets(String organizationId, String dataKeyId) {
        return tenancy.inOrganization(organizationId, em -> new SecretCounts(
                em.createQuery("SELECT COUNT(s) FROM Secret s", Long.class).getSingleResult(),
                em.createQuery("SELECT COUNT(s) FROM Secret s WHERE s.dataKeyId = :key", Long.class)
                        .setParameter("key", dataKeyId).getSingleResult()));
    }

    @Override
    public List<SealedSecret> secretsNotEncryptedWith(String organizationId, String dataKeyId, int limit) {
        return tenancy.inOrganization(organizationId, em -> em
                .createQuery("SELECT s FROM Secret s WHERE s.dataKeyId <> :key ORDER BY s.name", SecretEntity.class)
                .setParameter("key", dataKeyId)
                .setMaxResults(limit)
                .getResultStream().map(s -> s.toRecord(organizationId)).toList());
    }

    @Override
    public boolean reencrypt(SealedSecret secret, String expectedDataKeyId) {
        // Conditional UPDATE: a value written meanwhile (under the new key) is never overwritten.
        return tenancy.inOrganization(secret.organizationId(), em -> em
                .createQuery("UPDATE Secret s SET s.dataKeyId = :key, s.ciphertext = :ciphertext, s.updatedAt = :at "
                        + "WHERE s.name = :name AND s.dataKeyId = :expected")
                .setParameter("key", secret.dataKeyId())
                .setParameter("ciphertext", Base64.getEncoder().encodeToString(secret.ciphertext()))
                .setParameter("at", secret.updatedAt())
                .setParameter("name", secret.name())
                .setParameter("expected", expectedDataKeyId)
                .executeUpdate() == 1);
    }

    private static Optional<SecretEntity> find(EntityManager em, String name) {
        return em.createQuery("SELECT s FROM Secret s WHERE s.name = :name", SecretEntity.class)
                .setParameter("name", name)
                .getResultStream().findFirst();
    }
}
