package io.sightline.store.internal;

import java.time.Instant;
import java.util.Base64;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

import io.sightline.api.vault.SealedSecret;

/** An encrypted secret; organization-scoped. */
@Entity(name = "Secret")
@Table(name = "vault_secrets")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "org_id", contextProperty = Tenancy.TENANT_PROPERTY, length = 36)
public class SecretEntity {
    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(name = "data_key_id", nullable = false, length = 36)
    private String dataKeyId;

    @Column(nullable = false, length = 32000)
    private String ciphertext;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected SecretEntity() {}

    SecretEntity(String id, SealedSecret secret) {
        this.id = id;
        this.name = secret.name();
        update(secret);
    }

    void update(SealedSecret secret) {
        this.dataKeyId = secret.dataKeyId();
        this.ciphertext = Base64.getEncoder().encodeToString(secret.ciphertext());
        this.updatedAt = secret.updatedAt();
    }

    String dataKeyId() {
        return dataKeyId;
    }

    SealedSecret toRecord(String organizationId) {
        return new SealedSecret(organizationId, name, dataKeyId, Base64.getDecoder().decode(ciphertext), updatedAt);
    }
}
