package io.sightline.api.query;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;


/**
 * Turns a parameter value as it arrives from JSON (String, Number, List, Map) into the Java type
 * of its {@link ParameterType}, with an error that names the parameter when it does not fit.
 * Dates and date ranges may also be relative text ({@link RelativeDates}, e.g. {@code last 7 days}),
 * kept as text by {@link #convert(String, ParameterType, Object)} and resolved by the overload that
 * takes today's date.
 * Limits keep one request from binding huge values. Stateless and thread-safe.
 *
 * <p>Shared by every module that takes parameter values or defaults as JSON (queries, reports,
 * dashboard filters), so a value means the same everywhere.
 */
public final class ParameterValues {
    /** The longest text value, in characters. */
    public static final int MAX_TEXT_LENGTH = 10_000;
    /** The most elements of a list value. */
    public static final int MAX_LIST_SIZE = 1_000;
    // Far beyond what databases store, small enough that printing the number stays cheap.
    static final int MAX_DIGITS = 1_000;

    private ParameterValues() {}

    /**
     * The value in the Java type of {@code type}, or null when {@code raw} means "no value": null,
     * an empty list, a blank number or date (a cleared input), or a range without dates. Empty
     * text {@code ""} is a value. Relative date text that fits a DATE or DATE_RANGE parameter
     * stays text, in its usual form ({@link RelativeDates#normalize}); see {@link #isRelative}.
     *
     * @throws IllegalArgumentException if {@code raw} does not fit {@code type} or is too large; the
     *     message names the parameter and is meant for the user
     */
    public static Object convert(String name, ParameterType type, Object raw) {
        if (raw == null) {
            return null;
        }
        return switch (type) {
            case TEXT -> text(name, raw, "");
            case NUMBER -> isBlank(raw) ? null : number(name, raw, "");
            case DATE -> isBlank(raw) ? null : relative(name, type, raw).orElseGet(() -> date(name, raw, ""));
            case DATE_RANGE -> isBlank(raw) ? null : relative(name, type, raw).orElseGet(() -> range(name, raw));
            case LIST -> list(name, raw);
        };
    }

    /**
     * Like {@link #convert(String, ParameterType, Object)}, with relative dates resolved against
     * {@code today}: the value has the Java type of {@code type} (a {@link LocalDate} or a
     * {@link DateRange}, never relative text).
     *
     * @param today today in the user's time zone ({@link RelativeDates#today})
     * @throws IllegalArgumentException as {@link #convert(String, ParameterType, Object)} does
     */
    public static Object convert(String name, ParameterType type, Object raw, LocalDate today) {
        return resolve(name, type, convert(name, type, raw), today);
    }

    /**
     * A converted value (or a default) with relative date text resolved against {@code today};
     * other values are returned as they are.
     *
     * @throws IllegalArgumentException if the relative text does not fit {@code type}
     */
    public static Object resolve(String name, ParameterType type, Object value, LocalDate today) {
        if (!(value instanceof String text) || (type != ParameterType.DATE && type != ParameterType.DATE_RANGE)) {
            return value;
        }
        DateRange range = relativeRange(name, type, text, today)
                .orElseThrow(() -> new IllegalArgumentException(notRelative(name, type, text)));
        return type == ParameterType.DATE ? range.start() : range;
    }

    /**
     * Whether {@code value} is relative date text that {@code type} accepts (such a value is kept
     * as text until a run resolves it, so a saved default like {@code last 7 days} moves with time).
     */
    public static boolean isRelative(ParameterType type, Object value) {
        return value instanceof String text && switch (type) {
            case DATE -> RelativeDates.isSingleDay(text);
            case DATE_RANGE -> RelativeDates.normalize(text).isPresent();
            default -> false;
        };
    }

    // Relative text in its usual form, checked against a fixed day; empty for a fixed date.
    private static Optional<Object> relative(String name, ParameterType type, Object raw) {
        if (!(raw instanceof String text)) {
            return Optional.empty();
        }
        Optional<String> normal = RelativeDates.normalize(text);
        if (normal.isEmpty()) {
            if (type == ParameterType.DATE_RANGE) {
                throw new IllegalArgumentException(notRelative(name, type, text));
            }
            return Optional.empty();
        }
        relativeRange(name, type, normal.get(), LocalDate.EPOCH);
        return Optional.of(normal.get());
    }

    private static Optional<DateRange> relativeRange(String name, ParameterType type, String text,
            LocalDate today) {
        if (type == ParameterType.DATE && RelativeDates.normalize(text).isPresent() && !RelativeDates.isSingleDay(text)) {
            throw new IllegalArgumentException(prefix(name, "") + quote(text) + " is a range of days; a date parameter"
                    + " takes one day: a date (YYYY-MM-DD), today, yesterday or N days ago.");
        }
        try {
            return RelativeDates.resolve(text, today);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix(name, "") + quote(text) + ": " + e.getMessage());
        }
    }

    private static String notRelative(String name, ParameterType type, String text) {
        return prefix(name, "") + quote(text) + " is not " + (type == ParameterType.DATE
                ? "a date (YYYY-MM-DD), today, yesterday or N days ago."
                : "a date range; use {\"start\": \"2024-01-01\", \"end\": \"2024-01-31\"} or one of: "
                        + RelativeDates.FORMS + ".");
    }

    private static String text(String name, Object raw, String what) {
        String text;
        if (raw instanceof String s) {
            text = s;
        } else if (raw instanceof Number) {
            text = number(name, raw, what).toPlainString();
        } else {
            throw new IllegalArgumentException(prefix(name, what) + "expected text, got " + describe(raw) + ".");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException(prefix(name, what) + "the text is too long (" + format(text.length())
                    + " characters; at most " + format(MAX_TEXT_LENGTH) + ").");
        }
        return text;
    }

    private static BigDecimal number(String name, Object raw, String what) {
        BigDecimal number;
        if (raw instanceof BigDecimal d) {
            number = d;
        } else if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            number = BigDecimal.valueOf(((Number) raw).longValue());
        } else if (raw instanceof BigInteger i) {
            number = new BigDecimal(i);
        } else if (raw instanceof Double || raw instanceof Float) {
            double d = ((Number) raw).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(prefix(name, what) + raw + " is not a number.");
            }
            number = BigDecimal.valueOf(d);
        } else if (raw instanceof String s && s.length() <= MAX_TEXT_LENGTH) {
            try {
                number = new BigDecimal(s.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(prefix(name, what) + quote(s) + " is not a number.");
            }
        } else if (raw instanceof String s) {
            throw new IllegalArgumentException(prefix(name, what) + quote(s) + " is not a number.");
        } else {
            throw new IllegalArgumentException(prefix(name, what) + "expected a number, got " + describe(raw) + ".");
        }
        if (number.precision() > MAX_DIGITS || Math.abs((long) number.scale()) > MAX_DIGITS) {
            throw new IllegalArgumentException(prefix(name, what) + quote(raw.toString())
                    + " is too large or has too many digits (at most " + format(MAX_DIGITS) + ").");
        }
        return number;
    }

    private static LocalDate date(String name, Object raw, String what) {
        if (raw instanceof LocalDate d) {
            return d;
        }
        if (!(raw instanceof String s)) {
            throw new IllegalArgumentException(prefix(name, what) + "expected a date (YYYY-MM-DD), got " + describe(raw)
                    + ".");
        }
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(prefix(name, what) + quote(s) + " is not a date (YYYY-MM-DD)"
                    + (what.isEmpty() ? ", today, yesterday or N days ago." : "."));
        }
    }

    private static DateRange range(String name, Object raw) {
        if (raw instanceof DateRange r) {
            return r;
        }
        if (!(raw instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(prefix(name, "") + "expected a date range like {\"start\": \"2024-01-01\","
                    + " \"end\": \"2024-01-31\"}, got " + describe(raw) + ".");
        }
        if (!Set.of("start", "end").containsAll(map.keySet())) {
            throw new IllegalArgumentException(prefix(name, "") + "a date range has only a \"start\" and an \"end\".");
        }
        Object start = map.get("start");
        Object end = map.get("end");
        boolean noStart = start == null || isBlank(start);
        boolean noEnd = end == null || isBlank(end);
        if (noStart && noEnd) {
            return null;
        }
        if (noStart || noEnd) {
            throw new IllegalArgumentException(prefix(name, "") + "a date range needs both a start and an end date.");
        }
        LocalDate from = date(name, start, "the start date");
        LocalDate to = date(name, end, "the end date");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException(prefix(name, "") + "the start date " + from + " is after the end date "
                    + to + ".");
        }
        return new DateRange(from, to);
    }

    private static List<?> list(String name, Object raw) {
        Collection<?> elements;
        if (raw instanceof Collection<?> c) {
            elements = c;
        } else if (raw instanceof String || raw instanceof Number) {
            elements = List.of(raw); // one value sent on its own, e.g. from a URL
        } else {
            throw new IllegalArgumentException(prefix(name, "") + "expected a list of text or numbers, got "
                    + describe(raw) + ".");
        }
        if (elements.isEmpty()) {
            return null;
        }
        if (elements.size() > MAX_LIST_SIZE) {
            throw new IllegalArgumentException("Parameter '" + name + "' has " + format(elements.size())
                    + " values; at most " + format(MAX_LIST_SIZE) + " are allowed.");
        }
        // One kind per list, so that every placeholder of an IN (…) gets the same JDBC type.
        List<Object> converted = new ArrayList<>(elements.size());
        boolean numbers = elements.iterator().next() instanceof Number;
        int position = 0;
        for (Object element : elements) {
            position++;
            String what = "value " + position + " of the list";
            if (element == null) {
                throw new IllegalArgumentException(prefix(name, what) + "the value is empty.");
            } else if (numbers != element instanceof Number
                    && (element instanceof Number || element instanceof String)) {
                throw new IllegalArgumentException(prefix(name, "")
                        + "the list mixes numbers and text; use only one of them.");
            }
            converted.add(numbers ? number(name, element, what) : text(name, element, what));
        }
        return List.copyOf(converted);
    }

    private static boolean isBlank(Object raw) {
        return raw instanceof String s && s.isBlank();
    }

    // "Parameter 'since': " or "Parameter 'period', the start date: "
    private static String prefix(String name, String what) {
        return "Parameter '" + name + "'" + (what.isEmpty() ? "" : ", " + what) + ": ";
    }

    // A value as the user wrote it, shortened so that a message stays readable.
    private static String quote(String value) {
        String oneLine = value.replaceAll("\\p{Cntrl}", " ");
        return "'" + (oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 40) + "…") + "'";
    }

    private static String describe(Object raw) {
        if (raw instanceof Collection) {
            return "a list";
        } else if (raw instanceof Map) {
            return "an object";
        } else if (raw instanceof Boolean) {
            return "true/false";
        } else if (raw instanceof Number) {
            return "a number";
        } else if (raw instanceof String) {
            return "text";
        }
        return "a value of an unsupported kind";
    }

    private static String format(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
