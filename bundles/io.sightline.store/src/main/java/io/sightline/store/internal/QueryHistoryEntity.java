package io.sightline.store.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

import io.sightline.api.query.QueryHistoryEntry;

/** One query run of a user; organization-scoped. */
@Entity(name = "QueryHistory")
@Table(name = "query_history")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "org_id", contextProperty = Tenancy.TENANT_PROPERTY, length = 36)
public class QueryHistoryEntity {
    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "user_id", nullable = false, length = 36)
    private String userId;

    @Column(name = "datasource_id", nullable = false, length = 36)
    private String dataSourceId;

    @Column(name = "sql_text", nullable = false, length = 32000)
    private String sql;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "duration_ms", nullable = false)
    private long durationMillis;

    @Column(name = "row_count", nullable = false)
    private long rowCount;

    @Column(nullable = false, length = 16)
    private String status;

    @Column(length = 2000)
    private String error;

    protected QueryHistoryEntity() {}

    QueryHistoryEntity(QueryHistoryEntry e) {
        this.id = e.id();
        this.userId = e.userId();
        this.dataSourceId = e.dataSourceId();
        this.sql = e.sql();
        this.startedAt = e.startedAt();
        this.durationMillis = e.durationMillis();
        this.rowCount = e.rowCount();
        this.status = e.status().name();
        this.error = e.error();
    }

    QueryHistoryEntry toRecord(String organizationId) {
        return new QueryHistoryEntry(id, organizationId, userId, dataSourceId, sql, startedAt, durationMillis, rowCount,
                QueryHistoryEntry.Status.valueOf(status), error);
    }
}
