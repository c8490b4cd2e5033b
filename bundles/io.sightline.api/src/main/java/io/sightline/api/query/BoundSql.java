package io.sightline.api.query;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * The exact SQL that is prepared, with {@code ?} placeholders, and the values bound to them in
 * order (SPEC ). The result view shows both. Immutable and thread-safe.
 *
 * @param sql the SQL text as sent to the database, after snippets and optional blocks; it never
 *     contains a parameter value
 * @param values one entry per placeholder, in order: the entry at position {@code i} has index
 *     {@code i + 1}; stored as an unmodifiable copy
 * @param timeZone the time zone applied to the run (relative dates, timestamps with a time zone);
 *     not null, {@link QueryRequest#UTC} when the request had none
 */
public record BoundSql(String sql, List<BoundValue> values, ZoneId timeZone) {

    /** SQL and values in UTC. */
    public BoundSql(String sql, List<BoundValue> values) {
        this(sql, values, QueryRequest.UTC);
    }

    /**
     * @throws NullPointerException if an argument or a value is null
     * @throws IllegalArgumentException if the indexes are not 1, 2, 3 … in order
     */
    public BoundSql {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(timeZone, "timeZone");
        values = List.copyOf(values);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).index() != i + 1) {
                throw new IllegalArgumentException("Bound value " + (i + 1) + " has index " + values.get(i).index());
            }
        }
    }

    /**
     * The SQL followed by one comment line per bound value, for people to read, e.g.
     *
     * <pre>
     * SELECT * FROM orders WHERE region = ?
     * -- 1: region = 'EU'
     * </pre>
     *
     * <p>Text is quoted with {@code ''} escapes, and line breaks and other control characters are
     * shown as backslash escapes, so that each value stays on its own comment line.
     * Never execute this text: the database gets {@link #sql()} and {@link #values()}.
     */
    public String display() {
        StringBuilder out = new StringBuilder(sql);
        if (!values.isEmpty() && !sql.endsWith("\n")) {
            out.append('\n');
        }
        for (BoundValue value : values) {
            out.append("-- ").append(value.index()).append(": ").append(value.parameter()).append(" = ");
            appendLiteral(out, value.value());
            out.append('\n');
        }
        return out.toString();
    }

    private static void appendLiteral(StringBuilder out, Object value) {
        if (value instanceof BigDecimal number) {
            out.append(number.toPlainString());
        } else if (value instanceof LocalDate date) {
            out.append("DATE '").append(date).append('\'');
        } else {
            out.append('\'');
            String text = value.toString();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '\'' -> out.append("''");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        // Other control and line-separator characters would break the line or hide text.
                        if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('\'');
        }
    }
}
