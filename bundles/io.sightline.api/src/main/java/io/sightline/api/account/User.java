package io.sightline.api.account;

import java.time.Instant;

/**
 * A person who can sign in; belongs to organizations through {@link Membership}s.
 *
 * @param timeZone the time zone chosen in the profile (an IANA id such as {@code Europe/Paris}), or
 *     null to follow the browser's
 */
public record User(String id, String email, String displayName, Instant createdAt, String timeZone) {

    /** A user without a time zone of their own. */
    public User(String id, String email, String displayName, Instant createdAt) {
        this(id, email, displayName, createdAt, null);
    }
}
