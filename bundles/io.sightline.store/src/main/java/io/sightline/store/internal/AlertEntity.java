package io.sightline.store.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Lob;
import javax.persistence.Table;

import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

import io.sightline.api.schedule.Alert;

/** An SQL alert; organization-scoped. Its webhook URLs are in the vault. */
@Entity(name = "Alert")
@Table(name = "alerts")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "org_id", contextProperty = Tenancy.TENANT_PROPERTY, length = 36)
public class AlertEntity {
    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(name = "datasource_id", nullable = false, length = 36)
    private String dataSourceId;

    @Lob
    @Column(name = "sql_text", nullable = false)
    private String sql;

    @Column(name = "report_id", length = 36)
    private String reportId;

    @Column(name = "alert_condition", nullable = false, length = 2000)
    private String condition;

    @Column(nullable = false, length = 8000)
    private String notify;

    @Column(nullable = false, length = 16)
    private String state;

    @Column(name = "last_value", length = 1000)
    private String lastValue;

    @Column(name = "last_checked_at")
    private Instant lastCheckedAt;

    @Column(name = "last_message", length = 1000)
    private String lastMessage;

    @Column(name = "created_by", nullable = false, length = 36)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected AlertEntity() {}

    AlertEntity(Alert a) {
        id = a.id();
        createdBy = a.createdBy();
        createdAt = a.createdAt();
        update(a);
        saveState(a);
    }

    void update(Alert a) {
        name = a.name();
        dataSourceId = a.dataSourceId();
        sql = a.sql();
        reportId = a.reportId();
        condition = a.conditionJson();
        notify = a.notifyJson();
        updatedAt = a.updatedAt();
    }

    void saveState(Alert a) {
        state = a.state();
        lastValue = cut(a.lastValue());
        lastCheckedAt = a.lastCheckedAt();
        lastMessage = cut(a.lastMessage());
    }

    private static String cut(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 999) + "…";
    }

    Alert toRecord(String organizationId) {
        return new Alert(id, organizationId, name, dataSourceId, sql, reportId, condition, notify, state, lastValue,
                lastCheckedAt, lastMessage, createdBy, createdAt, updatedAt);
    }
}
