package io.sightline.driver.support;

/**
 * SQL text the dialects share: quoted identifiers and row limits, and the first line of a message.
 *
 * <p>Why here: every driver implements {@code quoteIdentifier} and {@code limitRows} of the SPI, and
 * they differ only in the quote character and in the row-limit clause. Stateless and thread-safe.
 */
public final class Sql {

    /** How a dialect limits the rows of a query. */
    public enum RowLimit {
        /** {@code LIMIT n} (PostgreSQL, MariaDB, MySQL); {@code LIMIT 0} is allowed. */
        LIMIT(0) {
            @Override
            String clause(int maxRows) {
                return "LIMIT " + maxRows;
            }
        },
        /** {@code FETCH FIRST n ROWS ONLY} (SQL:2008; Derby, H2); at least one row. */
        FETCH_FIRST(1) {
            @Override
            String clause(int maxRows) {
                return "FETCH FIRST " + maxRows + " ROWS ONLY";
            }
        };

        private final int minRows;

        RowLimit(int minRows) {
            this.minRows = minRows;
        }

        /** The smallest row count this clause accepts. */
        public int minRows() {
            return minRows;
        }

        abstract String clause(int maxRows);
    }

    private Sql() {}

    /**
     * Wraps a query as a derived table that returns at most {@code maxRows} rows. Trailing
     * semicolons and whitespace are dropped first; the query stands on lines of its own so that a
     * trailing line comment cannot swallow the closing parenthesis.
     *
     * @throws IllegalArgumentException when the query is null or empty, or {@code maxRows} is
     *     below {@link RowLimit#minRows()}
     */
    public static String limitRows(String sql, int maxRows, RowLimit syntax) {
        if (maxRows < syntax.minRows()) {
            throw new IllegalArgumentException("maxRows must be at least " + syntax.minRows() + ", not " + maxRows);
        }
        String query = sql == null ? "" : stripTrailingSemicolons(sql);
        if (query.isBlank()) {
            throw new IllegalArgumentException("The query is empty.");
        }
        return "SELECT * FROM (\n" + query + "\n) AS sightline_limited " + syntax.clause(maxRows);
    }

    /** {@code sql} without the semicolons and whitespace at its end. */
    public static String stripTrailingSemicolons(String sql) {
        int end = sql.length();
        while (end > 0 && (Character.isWhitespace(sql.charAt(end - 1)) || sql.charAt(end - 1) == ';')) {
            end--;
        }
        return sql.substring(0, end);
    }

    /**
     * Quotes an identifier by doubling {@code quote} inside it and putting it around it:
     * {@code a"b} becomes {@code "a""b"}.
     *
     * @throws IllegalArgumentException when the identifier is null, empty or contains NUL
     */
    public static String quote(String identifier, char quote) {
        if (identifier == null || identifier.isEmpty()) {
            throw new IllegalArgumentException("An identifier must not be empty.");
        }
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("An identifier must not contain the NUL character.");
        }
        String q = String.valueOf(quote);
        return q + identifier.replace(q, q + q) + q;
    }

    /** The first line of a message, without surrounding whitespace; never null. */
    public static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        String line = message.strip();
        int newline = line.indexOf('\n');
        return (newline < 0 ? line : line.substring(0, newline)).strip();
    }
}
