package io.sightline.store.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

import io.sightline.api.query.Snippet;

/** A named SQL fragment; organization-scoped. */
@Entity(name = "Snippet")
@Table(name = "snippets")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "org_id", contextProperty = Tenancy.TENANT_PROPERTY, length = 36)
public class SnippetEntity {
    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(length = 1000)
    private String description;

    @Column(name = "sql_text", nullable = false, length = 32000)
    private String sql;

    @Column(name = "created_by", nullable = false, length = 36)
    private String createdBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected SnippetEntity() {}

    SnippetEntity(Snippet s) {
        this.id = s.id();
        this.createdBy = s.createdBy();
        update(s);
    }

    void update(Snippet s) {
        this.name = s.name();
        this.description = s.description();
        this.sql = s.sql();
        this.updatedAt = s.updatedAt();
    }

    Snippet toRecord(String organizationId) {
        return new Snippet(id, organizationId, name, description, sql, createdBy, updatedAt);
    }
}
