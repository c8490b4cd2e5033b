-- Semantic models (SPEC R-4): tables, joins, dimensions and metrics over one data source, as JSON text.
-- Private to created_by until shared (A-7, shares with object_type 'model'); gone with their data source.
CREATE TABLE semantic_models (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    org_id VARCHAR(36) NOT NULL CONSTRAINT semantic_models_org_fk REFERENCES organizations (id) ON DELETE CASCADE,
    name VARCHAR(100) NOT NULL,
    description VARCHAR(1000),
    datasource_id VARCHAR(36) NOT NULL CONSTRAINT semantic_models_ds_fk REFERENCES datasources (id) ON DELETE CASCADE,
    definition CLOB NOT NULL,
    created_by VARCHAR(36) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CONSTRAINT semantic_models_name_uq UNIQUE (org_id, name)
);
CREATE INDEX semantic_models_ds_ix ON semantic_models (org_id, datasource_id);
