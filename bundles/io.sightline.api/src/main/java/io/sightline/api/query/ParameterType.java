package io.sightline.api.query;

/**
 * The type of a query parameter (SPEC Q-1). It decides which Java type carries a value and how the
 * parameter may be referenced in SQL.
 */
public enum ParameterType {
    /** Free text, carried as a {@link String}. */
    TEXT,
    /** A number, carried as a {@link java.math.BigDecimal}. */
    NUMBER,
    /** A calendar date without time or zone, carried as a {@link java.time.LocalDate}. */
    DATE,
    /**
     * Two dates, carried as a {@link DateRange}. It is referenced in SQL by its parts,
     * {@code {{name.start}}} and {@code {{name.end}}}, never as a whole.
     */
    DATE_RANGE,
    /**
     * Several text or number values, carried as a {@code List<String>} or a
     * {@code List<BigDecimal>}; {@code {{name}}} becomes one placeholder per element
     * ({@code ?, ?, ?}), typically inside {@code IN (…)}.
     */
    LIST
}
