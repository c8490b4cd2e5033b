package io.sightline.scheduler.internal.alert;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.sightline.api.query.QueryColumn;
import io.sightline.api.query.QueryResult;
import io.sightline.api.rest.ApiException;

/**
 * When an alert holds (S-2): any rows; the row count against a threshold; the first row's value of
 * a column against a threshold; or that value (or the row count) changed since the last run.
 * Stored as JSON in the alert. Immutable.
 */
public record Condition(String type, String column, String operator, BigDecimal threshold) {
    static final List<String> TYPES = List.of("ANY_ROWS", "ROW_COUNT", "VALUE", "CHANGED");
    static final List<String> OPERATORS = List.of("ABOVE", "BELOW", "EQUAL");

    /** What one run saw. {@code value} is kept for the next run's CHANGED check. */
    public record Outcome(boolean holds, String value, int rowCount, String message) {}

    /** {@code in} checked, with field names under {@code condition.}. */
    static Condition of(Condition in) {
        if (in == null) {
            throw ApiException.badRequest("condition.type", "Give a condition: one of " + String.join(", ", TYPES) + ".");
        }
        String type = in.type() == null ? "" : in.type().trim().toUpperCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw ApiException.badRequest("condition.type", "One of " + String.join(", ", TYPES) + ".");
        }
        String column = in.column() == null || in.column().isBlank() ? null : in.column().trim();
        if (column != null && column.length() > 200) {
            throw ApiException.badRequest("condition.column", "At most 200 characters.");
        }
        if (type.equals("VALUE") && column == null) {
            throw ApiException.badRequest("condition.column", "Name the result column whose value is compared.");
        }
        String operator = null;
        BigDecimal threshold = null;
        if (type.equals("ROW_COUNT") || type.equals("VALUE")) {
            operator = in.operator() == null ? "" : in.operator().trim().toUpperCase(Locale.ROOT);
            if (!OPERATORS.contains(operator)) {
                throw ApiException.badRequest("condition.operator", "One of ABOVE, BELOW, EQUAL.");
            }
            if (in.threshold() == null) {
                throw ApiException.badRequest("condition.threshold", "Give the number to compare with.");
            }
            threshold = in.threshold();
        }
        return new Condition(type, type.equals("ANY_ROWS") || type.equals("ROW_COUNT") ? null : column, operator, threshold);
    }

    /** Whether the condition holds for {@code result}, given the value the last run saw (or null). */
    Outcome evaluate(QueryResult result, String lastValue) {
        int rows = result.rows().size();
        String more = result.limitReached() ? "+" : "";
        return switch (type) {
            case "ANY_ROWS" -> new Outcome(rows > 0, Integer.toString(rows), rows,
                    rows > 0 ? rows + more + " rows: the alert holds." : "No rows.");
            case "ROW_COUNT" -> {
                boolean holds = compare(BigDecimal.valueOf(rows), operator, threshold);
                yield new Outcome(holds, Integer.toString(rows), rows,
                        rows + more + " rows, " + (holds ? "" : "not ") + words() + ".");
            }
            case "VALUE" -> {
                if (rows == 0) {
                    yield new Outcome(false, null, 0, "No rows: nothing to compare.");
                }
                Object value = result.rows().get(0).get(index(result));
                String text = text(value);
                boolean holds = value != null && compare(value, operator, threshold);
                yield new Outcome(holds, text, rows, column + " = " + text + ", " + (holds ? "" : "not ") + words() + ".");
            }
            default -> { // CHANGED
                String now = column == null ? Integer.toString(rows)
                        : rows == 0 ? null : text(result.rows().get(0).get(index(result)));
                String what = column == null ? "row count" : column;
                boolean holds = lastValue != null && !Objects.equals(lastValue, now);
                yield new Outcome(holds, now, rows, lastValue == null ? what + " = " + now + " (first run: nothing to compare)."
                        : holds ? what + " changed from " + lastValue + " to " + now + "." : what + " unchanged (" + now + ").");
            }
        };
    }

    /** For people: "row count above 100", "total equal to 0". */
    String describe() {
        return switch (type) {
            case "ANY_ROWS" -> "the query returns rows";
            case "ROW_COUNT" -> "row count " + words();
            case "VALUE" -> column + " " + words();
            default -> (column == null ? "the row count" : column) + " changes";
        };
    }

    private String words() {
        return operator.toLowerCase(Locale.ROOT) + (operator.equals("EQUAL") ? " to " : " ") + threshold.toPlainString();
    }

    private int index(QueryResult result) {
        List<QueryColumn> columns = result.columns();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(column)) {
                return i;
            }
        }
        throw new IllegalStateException("The result has no column \"" + column + "\"; it has "
                + columns.stream().map(QueryColumn::name).toList() + ".");
    }

    private static boolean compare(Object value, String operator, BigDecimal threshold) {
        BigDecimal number = number(value);
        if (number == null) {
            // Text compares only for equality, with the threshold written plainly.
            return operator.equals("EQUAL") && text(value).equals(threshold.toPlainString());
        }
        int c = number.compareTo(threshold);
        return switch (operator) {
            case "ABOVE" -> c > 0;
            case "BELOW" -> c < 0;
            default -> c == 0;
        };
    }

    private static BigDecimal number(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        try {
            return value == null ? null : new BigDecimal(value.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return "null";
        }
        String s = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        return s.length() > 200 ? s.substring(0, 199) + "…" : s;
    }
}
