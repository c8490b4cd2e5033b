package io.sightline.api.account;

import java.time.Instant;

/**
 * A single-use token sent by email (A-2 … A-4). Only its SHA-256 hash is stored.
 *
 * @param id row id
 * @param userId whose token
 * @param kind what it allows
 * @param detail what the kind needs, e.g. the new address for an email change, or null
 * @param expiresAt end of validity
 */
public record EmailToken(String id, String userId, Kind kind, String detail, Instant expiresAt) {

    public enum Kind {
        CONFIRM_ACCOUNT,
        CONFIRM_EMAIL_CHANGE,
        PASSWORD_RESET,
        UNLOCK
    }
}
