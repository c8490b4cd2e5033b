-- Sharing of content: with one member (user_id) or the whole organization (user_id NULL)
CREATE TABLE shares (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    org_id VARCHAR(36) NOT NULL CONSTRAINT shares_org_fk REFERENCES organizations (id) ON DELETE CASCADE,
    object_type VARCHAR(32) NOT NULL,
    object_id VARCHAR(36) NOT NULL,
    user_id VARCHAR(36) CONSTRAINT shares_user_fk REFERENCES users (id) ON DELETE CASCADE,
    access VARCHAR(8) NOT NULL,
    granted_by VARCHAR(36) NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX shares_object_idx ON shares (org_id, object_type, object_id);
