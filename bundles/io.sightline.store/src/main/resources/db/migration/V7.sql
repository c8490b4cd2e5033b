-- Queries (SPEC Q-1, Q-5, C-1): the cache lifetime of each data source's results, SQL snippets,
-- and each user's query history. Results themselves are never stored here (C-1).
ALTER TABLE datasources ADD COLUMN cache_ttl_seconds INTEGER NOT NULL DEFAULT 3600;
-- Defined by ops in etc/ (the demo data source): may be embedded, never changed through the API.
ALTER TABLE datasources ADD COLUMN operator_defined BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE snippets (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    org_id VARCHAR(36) NOT NULL CONSTRAINT snippets_org_fk REFERENCES organizations (id) ON DELETE CASCADE,
    name VARCHAR(100) NOT NULL,
    description VARCHAR(1000),
    sql_text VARCHAR(32000) NOT NULL,
    created_by VARCHAR(36) NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CONSTRAINT snippets_name_uq UNIQUE (org_id, name)
);

CREATE TABLE query_history (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    org_id VARCHAR(36) NOT NULL CONSTRAINT query_history_org_fk REFERENCES organizations (id) ON DELETE CASCADE,
    user_id VARCHAR(36) NOT NULL,
    datasource_id VARCHAR(36) NOT NULL,
    sql_text VARCHAR(32000) NOT NULL,
    started_at TIMESTAMP NOT NULL,
    duration_ms BIGINT NOT NULL,
    row_count BIGINT NOT NULL,
    status VARCHAR(16) NOT NULL,
    error VARCHAR(2000)
);
CREATE INDEX query_history_user_ix ON query_history (org_id, user_id, started_at);
-- TLS client certificate of a data source (DS-3): public, PEM; its private key is in the vault only (V-1).
ALTER TABLE datasources ADD COLUMN tls_client_cert_pem VARCHAR(32000);
