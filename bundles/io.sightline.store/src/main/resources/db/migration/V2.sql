-- Sign-in: password hashes, email confirmation, lockout, emailed single-use tokens, invitations
ALTER TABLE users ADD COLUMN password_hash VARCHAR(255);
ALTER TABLE users ADD COLUMN email_confirmed BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE users ADD COLUMN failed_logins INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE users ADD COLUMN lock_count INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE users ADD COLUMN locked_until TIMESTAMP;

CREATE TABLE email_tokens (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    token_hash VARCHAR(64) NOT NULL,
    user_id VARCHAR(36) NOT NULL CONSTRAINT email_tokens_user_fk REFERENCES users (id) ON DELETE CASCADE,
    kind VARCHAR(32) NOT NULL,
    detail VARCHAR(320),
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    CONSTRAINT email_tokens_hash_uq UNIQUE (token_hash)
);

CREATE TABLE invitations (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    org_id VARCHAR(36) NOT NULL CONSTRAINT invitations_org_fk REFERENCES organizations (id) ON DELETE CASCADE,
    email VARCHAR(320) NOT NULL,
    role VARCHAR(16) NOT NULL,
    token_hash VARCHAR(64) NOT NULL,
    invited_by VARCHAR(36) NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    accepted_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    CONSTRAINT invitations_hash_uq UNIQUE (token_hash)
);
