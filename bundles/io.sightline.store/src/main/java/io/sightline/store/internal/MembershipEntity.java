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

import io.sightline.api.account.Membership;
import io.sightline.api.account.Role;

/**
 * A user's role in one organization. Organization-scoped: EclipseLink adds {@code org_id = :tenant}
 * to every query and sets it on every insert, from the EntityManager's tenant property.
 */
@Entity(name = "Membership")
@Table(name = "memberships")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "org_id", contextProperty = Tenancy.TENANT_PROPERTY, length = 36)
public class MembershipEntity {
    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "user_id", nullable = false, length = 36)
    private String userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Role role;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected MembershipEntity() {}

    MembershipEntity(String id, String userId, Role role, Instant createdAt) {
        this.id = id;
        this.userId = userId;
        this.role = role;
        this.createdAt = createdAt;
    }

    String userId() {
        return userId;
    }

    void setRole(Role role) {
        this.role = role;
    }

    Membership toRecord(String organizationId) {
        return new Membership(id, organizationId, userId, role, createdAt);
    }
}
