package io.sightline.api.query;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The declaration of one query parameter, written {@code {{name}}} in SQL (SPEC Q-1). Immutable
 * and thread-safe.
 *
 * <p>A default value, when there is one, has the Java type of its parameter type: {@link String}
 * for {@link ParameterType#TEXT TEXT}, {@link BigDecimal} for {@link ParameterType#NUMBER NUMBER},
 * {@link LocalDate} for {@link ParameterType#DATE DATE}, {@link DateRange} for
 * {@link ParameterType#DATE_RANGE DATE_RANGE}, and a non-empty {@code List<String>} or
 * {@code List<BigDecimal>} for {@link ParameterType#LIST LIST} (stored as an unmodifiable copy).
 * A date or date range default may also be relative text such as {@code today} or
 * {@code last 7 days} ({@link RelativeDates}), resolved when a query runs.
 *
 * @param name how SQL refers to it: a letter or {@code _}, then letters, digits or {@code _}, at
 *     most 63 characters in all ({@link #NAME}); case-sensitive
 * @param type its type, not null
 * @param required whether a query may only run with a value for it (given or default)
 * @param defaultValue the value used when none is given, or null for none
 * @param label what the UI shows next to the input; null or blank means the name
 */
public record ParameterDefinition(String name, ParameterType type, boolean required, Object defaultValue,
        String label) {

    /** The rule for parameter names: fits SQL-ish identifiers and never needs quoting. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    /**
     * @throws NullPointerException if {@code name} or {@code type} is null
     * @throws IllegalArgumentException if the name breaks {@link #NAME}, or the default value does
     *     not have the Java type of {@code type}
     */
    public ParameterDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid parameter name '" + name
                    + "': use a letter or _ first, then only letters, digits and _ (at most 63 characters)");
        }
        defaultValue = checkDefault(name, type, defaultValue);
        label = label == null || label.isBlank() ? name : label;
    }

    /** A parameter with no default, labelled with its name. */
    public static ParameterDefinition of(String name, ParameterType type, boolean required) {
        return new ParameterDefinition(name, type, required, null, null);
    }

    private static Object checkDefault(String name, ParameterType type, Object value) {
        if (value == null) {
            return null;
        }
        boolean ok = switch (type) {
            case TEXT -> value instanceof String;
            case NUMBER -> value instanceof BigDecimal;
            case DATE -> value instanceof LocalDate || ParameterValues.isRelative(type, value);
            case DATE_RANGE -> value instanceof DateRange || ParameterValues.isRelative(type, value);
            case LIST -> value instanceof List<?> list && isTextOrNumberList(list);
        };
        if (!ok) {
            throw new IllegalArgumentException("The default value of parameter '" + name + "' does not fit its type "
                    + type + ": " + value.getClass().getSimpleName());
        }
        return value instanceof List<?> list ? List.copyOf(list) : value;
    }

    // Non-empty, no nulls, and all elements of one kind, so the SQL gets one consistent JDBC type.
    private static boolean isTextOrNumberList(List<?> list) {
        if (list.isEmpty()) {
            return false;
        }
        Class<?> kind = list.get(0) instanceof String ? String.class : BigDecimal.class;
        return list.stream().allMatch(kind::isInstance);
    }
}
