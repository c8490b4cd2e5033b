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

import io.sightline.api.account.Invitation;
import io.sightline.api.account.Role;

/** An invitation to join one organization; organization-scoped like {@link MembershipEntity}. */
@Entity(name = "Invitation")
@Table(name = "invitations")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "org_id", contextProperty = Tenancy.TENANT_PROPERTY, length = 36)
public class InvitationEntity {
    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 320)
    private String email;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Role role;

    @Column(name = "token_hash", nullable = false, length = 64, unique = true)
    private String tokenHash;

    @Column(name = "invited_by", nullable = false, length = 36)
    private String invitedBy;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "accepted_at")
    private Instant acceptedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected InvitationEntity() {}

    InvitationEntity(String id, String email, Role role, String tokenHash, String invitedBy, Instant expiresAt,
            Instant createdAt) {
        this.id = id;
        this.email = email;
        this.role = role;
        this.tokenHash = tokenHash;
        this.invitedBy = invitedBy;
        this.expiresAt = expiresAt;
        this.createdAt = createdAt;
    }

    boolean usableAt(Instant now) {
        return acceptedAt == null && now.isBefore(expiresAt);
    }

    void markAccepted(Instant now) {
        acceptedAt = now;
    }

    Invitation toRecord(String organizationId) {
        return new Invitation(id, organizationId, email, role, invitedBy, createdAt, expiresAt);
    }
}
