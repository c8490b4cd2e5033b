package io.sightline.api.account;

/** Roles of SPEC A-6, from least to most privileged. */
public enum Role {
    VIEWER,
    MEMBER,
    ADMIN,
    OWNER;

    /** Whether this role includes everything {@code other} may do. */
    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }
}
