package io.sightline.store.internal;

import javax.persistence.Basic;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.FetchType;
import javax.persistence.Lob;
import javax.persistence.Table;

import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

import io.sightline.api.report.Report;

/** A report; organization-scoped. */
@Entity(name = "Report")
@Table(name = "reports")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "org_id", contextProperty = Tenancy.TENANT_PROPERTY, length = 36)
public class ReportEntity extends ContentEntity<Report> {
    @Column(length = 2000)
    private String description;

    @Column(name = "datasource_id", length = 36)
    private String dataSourceId;

    @Lob
    @Basic(fetch = FetchType.EAGER)
    @Column(name = "sql_text")
    private String sql;

    @Lob
    @Column(name = "parameters", nullable = false)
    private String parameters;

    @Column(name = "model_id", length = 36)
    private String modelId;

    @Lob
    @Column(name = "model_query")
    private String modelQuery;

    @Column(name = "visualization_type", nullable = false, length = 16)
    private String visualizationType;

    @Lob
    @Column(name = "visualization_settings", nullable = false)
    private String settings;

    protected ReportEntity() {}

    ReportEntity(Report report) {
        super(report);
        update(report);
    }

    @Override
    void updateFields(Report r) {
        description = r.description();
        dataSourceId = r.dataSourceId();
        sql = r.sql();
        parameters = r.parametersJson();
        modelId = r.modelId();
        modelQuery = r.modelQueryJson();
        visualizationType = r.visualizationType();
        settings = r.settingsJson();
    }

    @Override
    Report toRecord(String organizationId) {
        return new Report(id, organizationId, name, description, dataSourceId, sql, parameters, modelId, modelQuery,
                visualizationType, settings, createdBy, createdAt, updatedAt);
    }
}
