-- Vault (SPEC V-1, V-3): data keys wrapped by a master key kept outside the database, and secrets
-- encrypted with them. Values are base64 text, so the same SQL runs on Derby and PostgreSQL.
CREATE TABLE vault_data_keys (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    org_id VARCHAR(36) NOT NULL CONSTRAINT vault_keys_org_fk REFERENCES organizations (id) ON DELETE CASCADE,
    master_key_id VARCHAR(64) NOT NULL,
    wrapped_key VARCHAR(200) NOT NULL,
    active BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX vault_keys_org_idx ON vault_data_keys (org_id, active);

CREATE TABLE vault_secrets (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    org_id VARCHAR(36) NOT NULL CONSTRAINT vault_secrets_org_fk REFERENCES organizations (id) ON DELETE CASCADE,
    name VARCHAR(200) NOT NULL,
    data_key_id VARCHAR(36) NOT NULL,
    ciphertext VARCHAR(32000) NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CONSTRAINT vault_secrets_name_uq UNIQUE (org_id, name)
);

-- Audit (SPEC AU-1, AU-2): one hash chain per organization, and one ('platform') for events that
-- belong to none. No foreign key to organizations: entries outlive what they describe. The time is
-- microseconds since the epoch (UTC), not a TIMESTAMP: hashed values must read back exactly, in
-- any server time zone, including the repeated hour when daylight saving time ends.
CREATE TABLE audit_entries (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    org_id VARCHAR(36) NOT NULL,
    seq BIGINT NOT NULL,
    occurred_at BIGINT NOT NULL,
    actor_id VARCHAR(36),
    actor_email VARCHAR(320),
    source_address VARCHAR(64),
    action VARCHAR(64) NOT NULL,
    object_type VARCHAR(32),
    object_id VARCHAR(64),
    details VARCHAR(2000),
    prev_hash VARCHAR(64) NOT NULL,
    hash VARCHAR(64) NOT NULL,
    CONSTRAINT audit_chain_uq UNIQUE (org_id, seq)
);
CREATE INDEX audit_at_idx ON audit_entries (org_id, occurred_at);
