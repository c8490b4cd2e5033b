package io.sightline.store.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Id;
import javax.persistence.MappedSuperclass;

import io.sightline.api.report.Content;

/** The columns every piece of content has; subclasses are organization-scoped entities. */
@MappedSuperclass
abstract class ContentEntity<T extends Content> {
    @Id
    @Column(length = 36)
    protected String id;

    @Column(nullable = false, length = 200)
    protected String name;

    @Column(name = "created_by", nullable = false, length = 36)
    protected String createdBy;

    @Column(name = "created_at", nullable = false)
    protected Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    protected Instant updatedAt;

    protected ContentEntity() {}

    protected ContentEntity(T content) {
        this.id = content.id();
        this.createdBy = content.createdBy();
        this.createdAt = content.createdAt();
    }

    /** Takes the changeable fields of {@code content}: everything but id, creator and creation time. */
    void update(T content) {
        this.name = content.name();
        this.updatedAt = content.updatedAt();
        updateFields(content);
    }

    abstract void updateFields(T content);

    abstract T toRecord(String organizationId);
}
