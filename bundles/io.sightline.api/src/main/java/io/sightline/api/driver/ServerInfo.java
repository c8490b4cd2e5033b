package io.sightline.api.driver;

/**
 * What the database server says about itself (DS-5).
 *
 * @param product product name, e.g. PostgreSQL
 * @param version its version text
 * @param timeZone the session's time zone, or null if unknown
 * @param maxConnections the server's connection limit, or null if unknown
 */
public record ServerInfo(String product, String version, String timeZone, Integer maxConnections) {}
