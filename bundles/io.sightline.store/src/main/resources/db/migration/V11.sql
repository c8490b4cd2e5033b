-- Scheduled work (SPEC S-1, S-2): one schedule per (kind, target), the record of each run, and
-- SQL alerts. The scheduler claims a due run by moving next_run_at with a conditional UPDATE, so
-- one node of a cluster runs it; runs are unique per (schedule, due time).
CREATE TABLE schedules (
    id VARCHAR(64) NOT NULL PRIMARY KEY,
    org_id VARCHAR(36) NOT NULL CONSTRAINT schedules_org_fk REFERENCES organizations (id) ON DELETE CASCADE,
    kind VARCHAR(32) NOT NULL,
    target_id VARCHAR(36) NOT NULL,
    cron VARCHAR(200),
    interval_seconds INTEGER,
    time_zone VARCHAR(64) NOT NULL,
    enabled BOOLEAN NOT NULL,
    next_run_at TIMESTAMP NOT NULL,
    last_run_at TIMESTAMP,
    last_outcome VARCHAR(16),
    created_by VARCHAR(36) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CONSTRAINT schedules_target_uq UNIQUE (kind, target_id)
);
CREATE INDEX schedules_due_ix ON schedules (kind, enabled, next_run_at);

CREATE TABLE schedule_runs (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    org_id VARCHAR(36) NOT NULL CONSTRAINT schedule_runs_org_fk REFERENCES organizations (id) ON DELETE CASCADE,
    schedule_id VARCHAR(64) NOT NULL CONSTRAINT schedule_runs_schedule_fk REFERENCES schedules (id) ON DELETE CASCADE,
    kind VARCHAR(32) NOT NULL,
    target_id VARCHAR(36) NOT NULL,
    due_at TIMESTAMP NOT NULL,
    started_at TIMESTAMP NOT NULL,
    ended_at TIMESTAMP NOT NULL,
    outcome VARCHAR(16) NOT NULL,
    message VARCHAR(1000),
    node VARCHAR(100) NOT NULL,
    CONSTRAINT schedule_runs_due_uq UNIQUE (schedule_id, due_at)
);
CREATE INDEX schedule_runs_org_ix ON schedule_runs (org_id, started_at);

CREATE TABLE alerts (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    org_id VARCHAR(36) NOT NULL CONSTRAINT alerts_org_fk REFERENCES organizations (id) ON DELETE CASCADE,
    name VARCHAR(200) NOT NULL,
    datasource_id VARCHAR(36) NOT NULL,
    sql_text CLOB NOT NULL,
    report_id VARCHAR(36),
    alert_condition VARCHAR(2000) NOT NULL,
    notify VARCHAR(8000) NOT NULL,
    state VARCHAR(16) NOT NULL,
    last_value VARCHAR(1000),
    last_checked_at TIMESTAMP,
    last_message VARCHAR(1000),
    created_by VARCHAR(36) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- Existing targets get the schedules their settings imply: schema refresh every 24 h for every
-- data source, saved filters at their interval, dashboards with auto-refresh pre-warmed at theirs.
INSERT INTO schedules (id, org_id, kind, target_id, interval_seconds, time_zone, enabled, next_run_at, created_by, created_at, updated_at)
    SELECT 'schema-' || id, org_id, 'SCHEMA_REFRESH', id, 86400, 'UTC', TRUE, CURRENT_TIMESTAMP, created_by, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
    FROM datasources;
INSERT INTO schedules (id, org_id, kind, target_id, interval_seconds, time_zone, enabled, next_run_at, created_by, created_at, updated_at)
    SELECT 'filter-' || id, org_id, 'FILTER_REFRESH', id, refresh_interval_seconds, 'UTC', TRUE, CURRENT_TIMESTAMP, created_by, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
    FROM saved_filters WHERE refresh_interval_seconds > 0;
INSERT INTO schedules (id, org_id, kind, target_id, interval_seconds, time_zone, enabled, next_run_at, created_by, created_at, updated_at)
    SELECT 'dashboard-' || id, org_id, 'DASHBOARD_REFRESH', id, auto_refresh_seconds, 'UTC', TRUE, CURRENT_TIMESTAMP, created_by, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
    FROM dashboards WHERE auto_refresh_seconds > 0;
