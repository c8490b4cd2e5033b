package io.sightline.store.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;

import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

import io.sightline.api.sharing.Access;
import io.sightline.api.sharing.Share;

/** A grant on one object; organization-scoped. */
@Entity(name = "Share")
@Table(name = "shares")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "org_id", contextProperty = Tenancy.TENANT_PROPERTY, length = 36)
public class ShareEntity {
    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "object_type", nullable = false, length = 32)
    private String objectType;

    @Column(name = "object_id", nullable = false, length = 36)
    private String objectId;

    @Column(name = "user_id", length = 36)
    private String userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private Access access;

    @Column(name = "granted_by", nullable = false, length = 36)
    private String grantedBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ShareEntity() {}

    ShareEntity(String id, String objectType, String objectId, String userId, Access access, String grantedBy,
            Instant createdAt) {
        this.id = id;
        this.objectType = objectType;
        this.objectId = objectId;
        this.userId = userId;
        this.access = access;
        this.grantedBy = grantedBy;
        this.createdAt = createdAt;
    }

    void setAccess(Access access, String grantedBy) {
        this.access = access;
        this.grantedBy = grantedBy;
    }

    Access access() {
        return access;
    }

    Share toRecord(String organizationId) {
        return new Share(id, organizationId, objectType, objectId, userId, access, grantedBy, createdAt);
    }
}
