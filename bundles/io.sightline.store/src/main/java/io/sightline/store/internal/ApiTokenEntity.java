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

import io.sightline.api.account.ApiToken;
import io.sightline.api.account.Role;

/** A personal API token; organization-scoped. */
@Entity(name = "ApiToken")
@Table(name = "api_tokens")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "org_id", contextProperty = Tenancy.TENANT_PROPERTY, length = 36)
public class ApiTokenEntity {
    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "user_id", nullable = false, length = 36)
    private String userId;

    @Column(nullable = false, length = 100)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Role role;

    @Column(name = "token_hash", nullable = false, length = 64, unique = true)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiTokenEntity() {}

    ApiTokenEntity(String id, String userId, String name, Role role, String tokenHash, Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.userId = userId;
        this.name = name;
        this.role = role;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    boolean usableAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    void markUsed(Instant now) {
        lastUsedAt = now;
    }

    void revoke(Instant now) {
        revokedAt = now;
    }

    String userId() {
        return userId;
    }

    ApiToken toRecord(String organizationId) {
        return new ApiToken(id, organizationId, userId, name, role, createdAt, expiresAt, lastUsedAt);
    }
}
