package io.sightline.store.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

import io.sightline.api.account.Organization;

/** The tenant itself; not filtered by tenant (a user may belong to several). */
@Entity(name = "Organization")
@Table(name = "organizations")
public class OrganizationEntity {
    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected OrganizationEntity() {}

    OrganizationEntity(String id, String name, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.createdAt = createdAt;
    }

    Organization toRecord() {
        return new Organization(id, name, createdAt);
    }
}
