package io.sightline.store.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

import io.sightline.api.account.Credentials;
import io.sightline.api.account.SignInState;
import io.sightline.api.account.User;

/** A person; global, reached from an organization only through a membership. */
@Entity(name = "User")
@Table(name = "users")
public class UserEntity {
    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 320, unique = true)
    private String email;

    @Column(name = "display_name", length = 200)
    private String displayName;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "password_hash", length = 255)
    private String passwordHash;

    @Column(name = "email_confirmed", nullable = false)
    private boolean emailConfirmed;

    @Column(name = "failed_logins", nullable = false)
    private int failedLogins;

    @Column(name = "lock_count", nullable = false)
    private int lockCount;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "time_zone", length = 64)
    private String timeZone;

    protected UserEntity() {}

    UserEntity(String id, String email, String displayName, Instant createdAt) {
        this.id = id;
        this.email = email;
        this.displayName = displayName;
        this.createdAt = createdAt;
    }

    User toRecord() {
        return new User(id, email, displayName, createdAt, timeZone);
    }

    Credentials toCredentials() {
        return new Credentials(toRecord(), passwordHash, emailConfirmed, new SignInState(failedLogins, lockCount, lockedUntil));
    }

    void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    void setEmailConfirmed(boolean emailConfirmed) {
        this.emailConfirmed = emailConfirmed;
    }

    void setEmail(String email) {
        this.email = email;
    }

    void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    void setSignInState(SignInState state) {
        this.failedLogins = state.failedLogins();
        this.lockCount = state.lockCount();
        this.lockedUntil = state.lockedUntil();
    }
}
