package io.sightline.api.query;

/**
 * One column of a result.
 *
 * @param name the column label the database gave
 * @param databaseType the database's type name, e.g. {@code int4} or {@code VARCHAR}
 * @param kind how the UI and exports treat the values
 */
public record QueryColumn(String name, String databaseType, Kind kind) {
    /** Value families; values of each arrive as the Java type named. */
    public enum Kind {
        /** {@code Long}, {@code BigDecimal} or {@code Double}. */
        NUMBER,
        /** {@code String}. */
        TEXT,
        /** {@code Boolean}. */
        BOOLEAN,
        /** ISO date text {@code YYYY-MM-DD}. */
        DATE,
        /** ISO date-time text without zone, {@code YYYY-MM-DDTHH:MM:SS[.fff]}. */
        TIMESTAMP,
        /** ISO instant text with offset. */
        TIMESTAMP_WITH_ZONE,
        /** ISO time text. */
        TIME,
        /** Anything else, rendered as text. */
        OTHER
    }
}
