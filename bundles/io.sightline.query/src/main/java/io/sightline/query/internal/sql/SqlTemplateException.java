package io.sightline.query.internal.sql;

/**
 * A problem with the SQL a user wrote or the parameter values given to it. The message is plain
 * English meant for the end user and never contains a stack trace or class name; the REST layer
 * can show it as is. When the problem has a place in the SQL, {@link #line()} and
 * {@link #column()} point at it (1-based) so the editor can highlight it; otherwise they are 0.
 */
public class SqlTemplateException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    /** A problem without a place in the SQL, e.g. an invalid parameter value. */
    public SqlTemplateException(String message) {
        this(message, 0, 0);
    }

    /** A problem at a place in the SQL; the message already names that place in words. */
    public SqlTemplateException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    /** The 1-based line of the problem, or 0 when it has no place in the SQL. */
    public int line() {
        return line;
    }

    /** The 1-based column of the problem, counted in UTF-16 characters as browser editors do,, or 0 when it has no place in the SQL. */
    public int column() {
        return column;
    }
}
