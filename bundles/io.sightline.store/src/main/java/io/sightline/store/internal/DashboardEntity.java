package io.sightline.store.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Lob;
import javax.persistence.Table;

import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

import io.sightline.api.report.Dashboard;

/** A dashboard; organization-scoped. */
@Entity(name = "Dashboard")
@Table(name = "dashboards")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "org_id", contextProperty = Tenancy.TENANT_PROPERTY, length = 36)
public class DashboardEntity extends ContentEntity<Dashboard> {
    @Column(length = 2000)
    private String description;

    @Lob
    @Column(nullable = false)
    private String filters;

    @Lob
    @Column(nullable = false)
    private String tiles;

    @Column(name = "auto_refresh_seconds", nullable = false)
    private int autoRefreshSeconds;

    protected DashboardEntity() {}

    DashboardEntity(Dashboard dashboard) {
        super(dashboard);
        update(dashboard);
    }

    @Override
    void updateFields(Dashboard d) {
        description = d.description();
        filters = d.filtersJson();
        tiles = d.tilesJson();
        autoRefreshSeconds = d.autoRefreshSeconds();
    }

    @Override
    Dashboard toRecord(String organizationId) {
        return new Dashboard(id, organizationId, name, description, filters, tiles, autoRefreshSeconds, createdBy,
                createdAt, updatedAt);
    }
}
