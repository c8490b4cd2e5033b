package io.sightline.api.query;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The value of a {@link ParameterType#DATE_RANGE} parameter: two dates, both included. Immutable
 * and thread-safe.
 *
 * @param start the first day, not null
 * @param end the last day, not null and not before {@code start}
 */
public record DateRange(LocalDate start, LocalDate end) {

    /**
     * @throws NullPointerException if a date is null
     * @throws IllegalArgumentException if {@code start} is after {@code end}
     */
    public DateRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.isAfter(end)) {
            throw new IllegalArgumentException("The start date " + start + " is after the end date " + end);
        }
    }
}
