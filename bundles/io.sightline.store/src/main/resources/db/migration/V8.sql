-- Reports, dashboards and saved filters (SPEC R-1 … R-3); who else may see them is in shares (A-7).
-- Nested parts (parameters, visualization settings, filters, tiles, filter values) are JSON text
-- owned by the report module. Names are not unique: private content of others may share a name.
CREATE TABLE reports (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    org_id VARCHAR(36) NOT NULL CONSTRAINT reports_org_fk REFERENCES organizations (id) ON DELETE CASCADE,
    name VARCHAR(200) NOT NULL,
    description VARCHAR(2000),
    datasource_id VARCHAR(36),
    sql_text CLOB,
    parameters CLOB NOT NULL,
    model_id VARCHAR(36),
    model_query CLOB,
    visualization_type VARCHAR(16) NOT NULL,
    visualization_settings CLOB NOT NULL,
    created_by VARCHAR(36) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX reports_creator_ix ON reports (org_id, created_by);

CREATE TABLE dashboards (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    org_id VARCHAR(36) NOT NULL CONSTRAINT dashboards_org_fk REFERENCES organizations (id) ON DELETE CASCADE,
    name VARCHAR(200) NOT NULL,
    description VARCHAR(2000),
    filters CLOB NOT NULL,
    tiles CLOB NOT NULL,
    auto_refresh_seconds INTEGER NOT NULL,
    created_by VARCHAR(36) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX dashboards_creator_ix ON dashboards (org_id, created_by);

CREATE TABLE saved_filters (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    org_id VARCHAR(36) NOT NULL CONSTRAINT saved_filters_org_fk REFERENCES organizations (id) ON DELETE CASCADE,
    name VARCHAR(200) NOT NULL,
    datasource_id VARCHAR(36) NOT NULL,
    sql_text CLOB NOT NULL,
    filter_values CLOB NOT NULL,
    refreshed_at TIMESTAMP,
    refresh_interval_seconds INTEGER NOT NULL,
    created_by VARCHAR(36) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX saved_filters_creator_ix ON saved_filters (org_id, created_by);
