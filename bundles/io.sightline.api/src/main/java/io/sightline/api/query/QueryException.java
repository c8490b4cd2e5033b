package io.sightline.api.query;

/**
 * A query could not run or failed; the message is written for the person who ran it and never
 * holds a stack trace or a secret.
 */
public class QueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for clients that react to it. */
    public enum Reason {
        /** The SQL or a parameter value is not valid (HTTP 400). */
        INVALID,
        /** The data source is read-only enforced and the statement is not a query (HTTP 400). */
        NOT_A_QUERY,
        /** No such data source (HTTP 404). */
        NOT_FOUND,
        /** Its driver module is not installed (HTTP 503). */
        DRIVER_MISSING,
        /** Could not connect (HTTP 502). */
        CONNECTION,
        /** The database refused or failed the statement (HTTP 422). */
        DATABASE,
        /** The timeout passed (HTTP 504). */
        TIMEOUT,
        /** Cancelled by the user (HTTP 409). */
        CANCELLED,
        /** Too many queries at once (HTTP 429). */
        BUSY
    }

    private final Reason reason;
    private final String field;
    private final int line;
    private final int column;

    public QueryException(Reason reason, String message) {
        this(reason, message, null, 0, 0);
    }

    /**
     * @param field the request field at fault ({@code sql}, {@code values.region}, …) or null
     * @param line 1-based line in the SQL, or 0
     * @param column 1-based column in the SQL, or 0
     */
    public QueryException(Reason reason, String message, String field, int line, int column) {
        super(message);
        this.reason = reason;
        this.field = field;
        this.line = line;
        this.column = column;
    }

    public Reason reason() {
        return reason;
    }

    public String field() {
        return field;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
