package io.sightline.store.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

import io.sightline.api.audit.AuditEntry;
import io.sightline.api.audit.AuditEvent;

/** One audit entry; scoped to its chain (organization id, or {@code platform}). Never updated. */
@Entity(name = "AuditEntry")
@Table(name = "audit_entries")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "org_id", contextProperty = Tenancy.TENANT_PROPERTY, length = 36)
public class AuditEntryEntity {
    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "seq", nullable = false)
    private long sequence;

    /** Microseconds since the epoch: exact in every time zone (the hash covers it). */
    @Column(name = "occurred_at", nullable = false)
    private long at;

    @Column(name = "actor_id", length = 36)
    private String actorId;

    @Column(name = "actor_email", length = 320)
    private String actorEmail;

    @Column(name = "source_address", length = 64)
    private String sourceAddress;

    @Column(nullable = false, length = 64)
    private String action;

    @Column(name = "object_type", length = 32)
    private String objectType;

    @Column(name = "object_id", length = 64)
    private String objectId;

    @Column(length = 2000)
    private String details;

    @Column(name = "prev_hash", nullable = false, length = 64)
    private String previousHash;

    @Column(nullable = false, length = 64)
    private String hash;

    protected AuditEntryEntity() {}

    AuditEntryEntity(AuditEntry entry) {
        AuditEvent e = entry.event();
        this.id = UUID.randomUUID().toString();
        this.sequence = entry.sequence();
        this.at = micros(e.at());
        this.actorId = e.actorId();
        this.actorEmail = e.actorEmail();
        this.sourceAddress = e.sourceAddress();
        this.action = e.action();
        this.objectType = e.objectType();
        this.objectId = e.objectId();
        this.details = e.details();
        this.previousHash = entry.previousHash();
        this.hash = entry.hash();
    }

    AuditEntry toRecord(String chain) {
        String organization = AuditEntryEntity.organizationOf(chain);
        return new AuditEntry(chain, sequence,
                new AuditEvent(Instant.EPOCH.plus(at, ChronoUnit.MICROS), organization, actorId, actorEmail, sourceAddress, action, objectType, objectId, details),
                previousHash, hash);
    }

    static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    static String organizationOf(String chain) {
        return io.sightline.api.audit.AuditStore.PLATFORM_CHAIN.equals(chain) ? null : chain;
    }
}
