-- Organizations, users and memberships
-- Portable SQL (Derby and PostgreSQL). Organization-scoped tables carry org_id NOT NULL so
-- that a write without a tenant fails instead of storing an orphan row.
CREATE TABLE organizations (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE users (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    email VARCHAR(320) NOT NULL,
    display_name VARCHAR(200),
    created_at TIMESTAMP NOT NULL,
    CONSTRAINT users_email_uq UNIQUE (email)
);

CREATE TABLE memberships (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    org_id VARCHAR(36) NOT NULL CONSTRAINT memberships_org_fk REFERENCES organizations (id) ON DELETE CASCADE,
    user_id VARCHAR(36) NOT NULL CONSTRAINT memberships_user_fk REFERENCES users (id) ON DELETE CASCADE,
    role VARCHAR(16) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    CONSTRAINT memberships_org_user_uq UNIQUE (org_id, user_id)
);
