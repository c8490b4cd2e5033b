package io.sightline.api.sharing;

/** What a user may do with one object, from nothing to everything. */
public enum Access {
    NONE,
    READ,
    EDIT,
    /** The creator: edit, share and delete. */
    OWNER;

    public boolean includes(Access other) {
        return compareTo(other) >= 0;
    }
}
