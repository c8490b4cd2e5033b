package io.sightline.api.auth;

/**
 * Permission names used with {@link io.sightline.api.rest.RequiresPermission}; which role holds
 * which is the permission table in the README.
 */
public final class Permissions {
    /** Read shared dashboards, reports and the organization's member list. */
    public static final String CONTENT_READ = "content:read";
    /** Create and change one's own content, run queries. */
    public static final String CONTENT_WRITE = "content:write";
    /** Data sources, semantic models, integrations, alerts. */
    public static final String DATASOURCE_MANAGE = "datasource:manage";
    /** Invite, change the role of and remove members (not Owners). */
    public static final String MEMBERS_MANAGE = "members:manage";
    /** Read the organization's audit log. */
    public static final String AUDIT_READ = "audit:read";
    /** Organization settings and deletion, and granting the Owner role. */
    public static final String ORGANIZATION_MANAGE = "organization:manage";

    private Permissions() {}
}
