package io.sightline.api.query;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One JDBC parameter of a {@link BoundSql}: the value for the placeholder {@code ?} number
 * {@code index}, and the query parameter it came from. Immutable and thread-safe.
 *
 * <p>A {@link ParameterType#LIST LIST} parameter gives one bound value per element, and a
 * {@link ParameterType#DATE_RANGE DATE_RANGE} one per referenced part ({@code .start} or
 * {@code .end}); each carries the type of its parameter and a single scalar value.
 *
 * @param index the 1-based JDBC parameter index
 * @param parameter the name of the query parameter it came from, not null
 * @param type the type of that parameter, not null
 * @param value the scalar value to bind, not null: a {@link String}, a {@link BigDecimal} or a
 *     {@link LocalDate}
 */
public record BoundValue(int index, String parameter, ParameterType type, Object value) {

    /**
     * @throws NullPointerException if {@code parameter}, {@code type} or {@code value} is null
     * @throws IllegalArgumentException if {@code index} is below 1 or the value is not one of the
     *     scalar types above
     */
    public BoundValue {
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (index < 1) {
            throw new IllegalArgumentException("JDBC parameter indexes start at 1: " + index);
        }
        if (!(value instanceof String || value instanceof BigDecimal || value instanceof LocalDate)) {
            throw new IllegalArgumentException("Not a bindable value: " + value.getClass().getName());
        }
    }
}
