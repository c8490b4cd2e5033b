package io.sightline.store.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;

import io.sightline.api.account.EmailToken;

/** A single-use emailed token of one user; only the token's hash is stored. */
@Entity(name = "EmailToken")
@Table(name = "email_tokens")
public class EmailTokenEntity {
    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "token_hash", nullable = false, length = 64, unique = true)
    private String tokenHash;

    @Column(name = "user_id", nullable = false, length = 36)
    private String userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private EmailToken.Kind kind;

    @Column(length = 320)
    private String detail;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected EmailTokenEntity() {}

    EmailTokenEntity(String id, String tokenHash, String userId, EmailToken.Kind kind, String detail,
            Instant expiresAt, Instant createdAt) {
        this.id = id;
        this.tokenHash = tokenHash;
        this.userId = userId;
        this.kind = kind;
        this.detail = detail;
        this.expiresAt = expiresAt;
        this.createdAt = createdAt;
    }

    boolean usableAt(Instant now, EmailToken.Kind expected) {
        return usedAt == null && kind == expected && now.isBefore(expiresAt);
    }

    void markUsed(Instant now) {
        usedAt = now;
    }

    EmailToken toRecord() {
        return new EmailToken(id, userId, kind, detail, expiresAt);
    }
}
