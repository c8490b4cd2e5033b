package io.sightline.api.health;

/**
 * Result of one {@link HealthCheck}.
 *
 * @param up whether the part works
 * @param message plain words for operators
 */
public record HealthStatus(boolean up, String message) {

    public static HealthStatus up(String message) {
        return new HealthStatus(true, message);
    }

    public static HealthStatus down(String message) {
        return new HealthStatus(false, message);
    }
}
