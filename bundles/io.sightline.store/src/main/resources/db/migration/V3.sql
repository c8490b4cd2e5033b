-- Personal API tokens for scripts and CI, bound to one organization
CREATE TABLE api_tokens (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    org_id VARCHAR(36) NOT NULL CONSTRAINT api_tokens_org_fk REFERENCES organizations (id) ON DELETE CASCADE,
    user_id VARCHAR(36) NOT NULL CONSTRAINT api_tokens_user_fk REFERENCES users (id) ON DELETE CASCADE,
    name VARCHAR(100) NOT NULL,
    role VARCHAR(16) NOT NULL,
    token_hash VARCHAR(64) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at TIMESTAMP,
    CONSTRAINT api_tokens_hash_uq UNIQUE (token_hash)
);
