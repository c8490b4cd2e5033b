package io.sightline.api.account;

import java.time.Instant;

/**
 * Lockout bookkeeping of one user.
 *
 * @param failedLogins failures since the last success or lock
 * @param lockCount locks so far; each doubles the next lock's length
 * @param lockedUntil end of the current lock, or null
 */
public record SignInState(int failedLogins, int lockCount, Instant lockedUntil) {
    public static final SignInState CLEAR = new SignInState(0, 0, null);

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }
}
