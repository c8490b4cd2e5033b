package io.sightline.store.internal;

import java.time.Instant;

import javax.persistence.Basic;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.FetchType;
import javax.persistence.Id;
import javax.persistence.Lob;
import javax.persistence.Table;

import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

import io.sightline.api.model.SemanticModel;

/** A semantic model with its definition as JSON text; organization-scoped. */
@Entity(name = "SemanticModel")
@Table(name = "semantic_models")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "org_id", contextProperty = Tenancy.TENANT_PROPERTY, length = 36)
public class SemanticModelEntity {
    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(length = 1000)
    private String description;

    @Column(name = "datasource_id", nullable = false, length = 36)
    private String dataSourceId;

    @Lob
    @Basic(fetch = FetchType.EAGER)
    @Column(nullable = false)
    private String definition;

    @Column(name = "created_by", nullable = false, length = 36)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected SemanticModelEntity() {}

    SemanticModelEntity(SemanticModel m) {
        this.id = m.id();
        this.createdBy = m.createdBy();
        this.createdAt = m.createdAt();
        update(m);
    }

    void update(SemanticModel m) {
        this.name = m.name();
        this.description = m.description();
        this.dataSourceId = m.dataSourceId();
        this.definition = m.definition();
        this.updatedAt = m.updatedAt();
    }

    SemanticModel toRecord(String organizationId) {
        return new SemanticModel(id, organizationId, name, description, dataSourceId, definition, createdBy, createdAt,
                updatedAt);
    }
}
