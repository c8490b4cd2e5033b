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

import io.sightline.api.vault.DataKey;

/** A wrapped data key of the vault; organization-scoped. */
@Entity(name = "DataKey")
@Table(name = "vault_data_keys")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "org_id", contextProperty = Tenancy.TENANT_PROPERTY, length = 36)
public class DataKeyEntity {
    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "master_key_id", nullable = false, length = 64)
    private String masterKeyId;

    @Column(name = "wrapped_key", nullable = false, length = 200)
    private String wrappedKey;

    @Column(nullable = false)
    private boolean active;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected DataKeyEntity() {}

    DataKeyEntity(DataKey key) {
        this.id = key.id();
        this.masterKeyId = key.masterKeyId();
        this.wrappedKey = Base64.getEncoder().encodeToString(key.wrapped());
        this.active = key.active();
        this.createdAt = key.createdAt();
    }

    String masterKeyId() {
        return masterKeyId;
    }

    void rewrap(String newMasterKeyId, byte[] wrapped) {
        this.masterKeyId = newMasterKeyId;
        this.wrappedKey = Base64.getEncoder().encodeToString(wrapped);
    }

    boolean active() {
        return active;
    }

    void deactivate() {
        this.active = false;
    }

    DataKey toRecord(String organizationId) {
        return new DataKey(id, organizationId, masterKeyId, Base64.getDecoder().decode(wrappedKey), active, createdAt);
    }
}
