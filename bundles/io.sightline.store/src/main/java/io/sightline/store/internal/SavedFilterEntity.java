package io.sightline.store.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Lob;
import javax.persistence.Table;

import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

import io.sightline.api.report.SavedFilter;

/** A filter whose values come from a query; organization-scoped. */
@Entity(name = "SavedFilter")
@Table(name = "saved_filters")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "org_id", contextProperty = Tenancy.TENANT_PROPERTY, length = 36)
public class SavedFilterEntity extends ContentEntity<SavedFilter> {
    @Column(name = "datasource_id", nullable = false, length = 36)
    private String dataSourceId;

    @Lob
    @Column(name = "sql_text", nullable = false)
    private String sql;

    @Lob
    @Column(name = "filter_values", nullable = false)
    private String values;

    @Column(name = "refreshed_at")
    private Instant refreshedAt;

    @Column(name = "refresh_interval_seconds", nullable = false)
    private int refreshIntervalSeconds;

    protected SavedFilterEntity() {}

    SavedFilterEntity(SavedFilter filter) {
        super(filter);
        update(filter);
    }

    @Override
    void updateFields(SavedFilter f) {
        dataSourceId = f.dataSourceId();
        sql = f.sql();
        values = f.valuesJson();
        refreshedAt = f.refreshedAt();
        refreshIntervalSeconds = f.refreshIntervalSeconds();
    }

    @Override
    SavedFilter toRecord(String organizationId) {
        return new SavedFilter(id, organizationId, name, dataSourceId, sql, values, refreshedAt, refreshIntervalSeconds,
                createdBy, createdAt, updatedAt);
    }
}
