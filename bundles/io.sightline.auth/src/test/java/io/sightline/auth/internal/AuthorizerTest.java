package io.sightline.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.sightline.api.account.Role;
import io.sightline.api.auth.Caller;
import io.sightline.api.auth.Permissions;

/** The permission table, decided by Shiro. */
class AuthorizerTest {
    private final Authorizer authorizer = new Authorizer();

    private boolean may(Role role, String permission) {
        return authorizer.permitted(new Caller("u", "o", role, "s"), permission);
    }

    @Test
    void rolesGrowFromViewerToOwner() {
        assertTrue(may(Role.VIEWER, Permissions.CONTENT_READ));
        assertFalse(may(Role.VIEWER, Permissions.CONTENT_WRITE));
        assertTrue(may(Role.MEMBER, Permissions.CONTENT_WRITE));
        assertFalse(may(Role.MEMBER, Permissions.MEMBERS_MANAGE));
        assertTrue(may(Role.ADMIN, Permissions.MEMBERS_MANAGE));
        assertTrue(may(Role.ADMIN, Permissions.DATASOURCE_MANAGE));
        assertFalse(may(Role.ADMIN, Permissions.ORGANIZATION_MANAGE));
        assertTrue(may(Role.OWNER, Permissions.ORGANIZATION_MANAGE));
        assertFalse(authorizer.permitted(new Caller("u", null, null, "s"), Permissions.CONTENT_READ));
        assertFalse(may(Role.OWNER, "anything:else"));
    }

    @Test
    void ipThrottleCountsFailuresInTheWindowOnly() {
        IpThrottle throttle = new IpThrottle(3, Duration.ofMinutes(15));
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 3; i++) {
            assertFalse(throttle.blocked("10.0.0.1", t));
            throttle.recordFailure("10.0.0.1", t);
        }
        assertTrue(throttle.blocked("10.0.0.1", t.plusSeconds(60)));
        assertFalse(throttle.blocked("10.0.0.2", t.plusSeconds(60)));
        assertFalse(throttle.blocked("10.0.0.1", t.plus(Duration.ofMinutes(16))));

        // Addresses without recent failures are forgotten, so memory stays bounded.
        for (int i = 0; i < 10_002; i++) {
            throttle.recordFailure("192.0.2." + i, t);
        }
        throttle.recordFailure("198.51.100.1", t.plus(Duration.ofMinutes(20)));
        assertTrue(throttle.trackedAddresses() < 10, "tracked: " + throttle.trackedAddresses());
    }

    @Test
    void locksDoubleUpToTheMaximumAndNeverLast() {
        Duration first = Duration.ofMinutes(15);
        Duration max = Duration.ofHours(24);
        assertEquals(Duration.ofMinutes(15), AuthService.lockLength(1, first, max));
        assertEquals(Duration.ofMinutes(30), AuthService.lockLength(2, first, max));
        assertEquals(Duration.ofHours(16), AuthService.lockLength(7, first, max));
        assertEquals(max, AuthService.lockLength(8, first, max));
        assertEquals(max, AuthService.lockLength(1000, first, max));
    }
}
