-- Data sources (SPEC DS-3) and what was read from them (DS-5). Secrets are not here: they are in
-- vault_secrets under datasource:<id>:<field>. Options are form-encoded key=value pairs. Metadata:
-- a small summary (server, write access) for lists, and the whole schema as JSON text.
CREATE TABLE datasources (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    org_id VARCHAR(36) NOT NULL CONSTRAINT datasources_org_fk REFERENCES organizations (id) ON DELETE CASCADE,
    name VARCHAR(200) NOT NULL,
    driver VARCHAR(64) NOT NULL,
    host VARCHAR(253) NOT NULL,
    port INTEGER NOT NULL,
    database_name VARCHAR(1000) NOT NULL,
    user_name VARCHAR(200) NOT NULL,
    options VARCHAR(8000) NOT NULL,
    tls_mode VARCHAR(16) NOT NULL,
    tls_ca_pem VARCHAR(32000),
    ssh_host VARCHAR(253),
    ssh_port INTEGER,
    ssh_user VARCHAR(200),
    ssh_host_key VARCHAR(200),
    read_only_enforced BOOLEAN NOT NULL,
    query_timeout_seconds INTEGER NOT NULL,
    created_by VARCHAR(36) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    metadata_read_at TIMESTAMP,
    metadata_summary VARCHAR(4000),
    metadata CLOB,
    CONSTRAINT datasources_name_uq UNIQUE (org_id, name)
);
