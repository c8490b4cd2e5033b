package io.sightline.query.internal.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits SQL text into spans, so that template syntax is only recognized in plain SQL code and
 * never inside string literals, quoted identifiers or comments.
 *
 * <p>It knows the quoting of the databases we ship drivers for, without needing to know which
 * one a query is for:
 * <ul>
 * <li>{@code '…'} strings with {@code ''} escapes, and PostgreSQL {@code E'…'} strings that also
 * take backslash escapes;
 * <li>PostgreSQL dollar quotes {@code $$…$$} and {@code $tag$…$tag$};
 * <li>{@code "…"} identifiers with {@code ""} escapes, and MySQL/MariaDB {@code `…`} identifiers;
 * <li>{@code --} line comments and {@code /* … *}{@code /} block comments, which may nest as in
 * PostgreSQL; when nesting would leave a comment open but a {@code *}{@code /} follows, the
 * comment ends at the first one, as in MySQL and Derby, and so do all later comments of that
 * SQL. {@code #} is not a comment.
 * </ul>
 * Template tokens are {@code {{name}}}, {@code {{name.start}}}, {@code {{name.end}}},
 * {@code {{snippet:name}}}, and the optional block brackets {@code [[} and {@code ]]}; whitespace
 * is allowed just inside the braces.
 *
 * <p>The spans cover the input exactly: their texts, concatenated, give the input back.
 * Stateless and thread-safe.
 */
public final class SqlLexer {

    /** What a span is. */
    public enum Kind {
        /** Plain SQL, passed through unchanged. */
        CODE,
        /** A string literal, including its quotes (and its {@code E} or dollar tags). */
        STRING,
        /** A double-quoted or backtick-quoted identifier, including its quotes. */
        QUOTED_IDENTIFIER,
        /** A line or block comment, including its delimiters. */
        COMMENT,
        /** {@code {{name}}}, {@code {{name.start}}} or {@code {{name.end}}}. */
        PARAMETER,
        /** {@code {{snippet:name}}}. */
        SNIPPET,
        /** {@code [[}, the start of an optional block. */
        OPTIONAL_START,
        /** {@code ]]}, the end of an optional block. */
        OPTIONAL_END
    }

    /**
     * One span of the input.
     *
     * @param kind what it is
     * @param text its exact text
     * @param offset where it starts in the input (0-based)
     * @param line 1-based line of its start
     * @param column 1-based column of its start, in UTF-16 characters
     * @param name the parameter or snippet name, or null for other kinds
     * @param part {@code "start"} or {@code "end"} for a date range part, else null
     */
    public record Token(Kind kind, String text, int offset, int line, int column, String name, String part) {
        /** "line 3, column 14", for error messages. */
        public String where() {
            return SqlLexer.where(line, column);
        }
    }

    /**
     * Names of snippets: letters, digits, spaces, {@code _}, {@code -} and {@code .}, starting with
     * a letter, digit or {@code _}, at most 100 characters.
     */
    public static final Pattern SNIPPET_NAME = Pattern.compile("[\\p{L}\\p{N}_][\\p{L}\\p{N}_ .-]{0,99}");

    private static final Pattern SNIPPET = Pattern.compile("(?s)snippet\\s*:\\s*(.*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern PARAMETER = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:\\.([A-Za-z_][A-Za-z0-9_]*))?");
    private static final int MAX_PARAMETER_NAME = 63;

    private final String sql;
    private final int[] lineStarts;
    private final List<Token> tokens = new ArrayList<>();
    private boolean nestedComments = true;

    private SqlLexer(String sql) {
        this.sql = sql;
        this.lineStarts = lineStarts(sql);
    }

    /**
     * Splits {@code sql} into spans.
     *
     * @throws SqlTemplateException if a string, quoted identifier, comment or {@code {{ … }}} is
     *     never closed, or a {@code {{ … }}} is not a valid reference; the message gives the line
     *     and column where it starts
     * @throws NullPointerException if {@code sql} is null
     */
    public static List<Token> lex(String sql) {
        Objects.requireNonNull(sql, "sql");
        SqlLexer lexer = new SqlLexer(sql);
        lexer.run();
        return List.copyOf(lexer.tokens);
    }

    static String where(int line, int column) {
        return "line " + line + ", column " + column;
    }

    private void run() {
        int n = sql.length();
        int codeStart = 0;
        int i = 0;
        while (i < n) {
            Token special = specialAt(i);
            if (special == null) {
                i++;
                continue;
            }
            if (codeStart < i) {
                tokens.add(token(Kind.CODE, codeStart, i, null, null));
            }
            tokens.add(special);
            i += special.text().length();
            codeStart = i;
        }
        if (codeStart < n) {
            tokens.add(token(Kind.CODE, codeStart, n, null, null));
        }
    }

    /** The literal, comment or template token starting at {@code i}, or null for plain code. */
    private Token specialAt(int i) {
        char c = sql.charAt(i);
        if (c == '\'') {
            return token(Kind.STRING, i, endOfQuoted(i, i, '\'', false, "A text in quotes", "'"), null, null);
        } else if ((c == 'E' || c == 'e') && at(i + 1, "'") && !identifierBefore(i)) {
            return token(Kind.STRING, i, endOfQuoted(i, i + 1, '\'', true, "A text in quotes", "'"), null, null);
        } else if (c == '$' && !identifierBefore(i) && dollarTagEnd(i) > 0) {
            return token(Kind.STRING, i, endOfDollarQuoted(i, dollarTagEnd(i)), null, null);
        } else if (c == '"') {
            return token(Kind.QUOTED_IDENTIFIER, i, endOfQuoted(i, i, '"', false, "A quoted name", "\""), null, null);
        } else if (c == '`') {
            return token(Kind.QUOTED_IDENTIFIER, i, endOfQuoted(i, i, '`', false, "A quoted name", "`"), null, null);
        } else if (at(i, "--")) {
            return token(Kind.COMMENT, i, endOfLine(i), null, null);
        } else if (at(i, "/*")) {
            return token(Kind.COMMENT, i, endOfBlockComment(i), null, null);
        } else if (at(i, "{{")) {
            return templateToken(i);
        } else if (at(i, "[[")) {
            return token(Kind.OPTIONAL_START, i, i + 2, null, null);
        } else if (at(i, "]]")) {
            return token(Kind.OPTIONAL_END, i, i + 2, null, null);
        }
        return null;
    }

    private boolean at(int i, String s) {
        return sql.startsWith(s, i);
    }

    // E'…' and $tag$ only start a literal where they cannot be the end of an identifier (name_e'…', a$b$).
    private boolean identifierBefore(int i) {
        if (i == 0) {
            return false;
        }
        int c = sql.codePointBefore(i);
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** The end (exclusive) of the quoted text whose opening quote is at {@code quote}. */
    private int endOfQuoted(int start, int quote, char q, boolean backslashEscapes, String what, String closer) {
        int n = sql.length();
        int j = quote + 1;
        while (j < n) {
            char c = sql.charAt(j);
            if (backslashEscapes && c == '\\') {
                j += 2;
            } else if (c == q) {
                if (j + 1 < n && sql.charAt(j + 1) == q) {
                    j += 2; // doubled quote: an escaped quote, not the end
                } else {
                    return j + 1;
                }
            } else {
                j++;
            }
        }
        throw error(what + " starting at " + where(start) + " is never closed: add the closing " + closer + ".",
                start);
    }

    /** The end (exclusive) of {@code $tag$} starting at {@code i}, or -1 if there is no tag there. */
    private int dollarTagEnd(int i) {
        int n = sql.length();
        int j = i + 1;
        if (j < n && (Character.isLetter(sql.charAt(j)) || sql.charAt(j) == '_')) {
            while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
                j++;
            }
        }
        return j < n && sql.charAt(j) == '$' ? j + 1 : -1;
    }

    private int endOfDollarQuoted(int start, int tagEnd) {
        String tag = sql.substring(start, tagEnd);
        int close = sql.indexOf(tag, tagEnd);
        if (close < 0) {
            throw error("A text in " + tag + " quotes starting at " + where(start)
                    + " is never closed: add the closing " + tag + ".", start);
        }
        return close + tag.length();
    }

    // The line break itself stays plain code.
    private int endOfLine(int i) {
        int j = i;
        while (j < sql.length() && sql.charAt(j) != '\n' && sql.charAt(j) != '\r') {
            j++;
        }
        return j;
    }

    private int endOfBlockComment(int start) {
        int n = sql.length();
        int firstClose = sql.indexOf("*/", start + 2);
        if (!nestedComments) {
            if (firstClose < 0) {
                throw error("A comment /* starting at " + where(start) + " is never closed: add */.", start);
            }
            return firstClose + 2;
        }
        int depth = 1;
        int j = start + 2;
        while (j < n) {
            if (at(j, "/*")) {
                depth++;
                j += 2;
            } else if (at(j, "*/")) {
                depth--;
                j += 2;
                if (depth == 0) {
                    return j;
                }
            } else {
                j++;
            }
        }
        if (firstClose < 0) {
            throw error("A comment /* starting at " + where(start) + " is never closed: add */.", start);
        }
        // Nesting leaves it open, so this SQL is for a database whose comments do not nest (MySQL,
        // Derby): the first */ ends this and every later comment. Switching for good also keeps
        // lexing linear on text full of /* /* */.
        nestedComments = false;
        return firstClose + 2;
    }

    /** The {@code {{ … }}} token at {@code start}. */
    private Token templateToken(int start) {
        int close = sql.indexOf("}}", start + 2);
        String inner = close < 0 ? null : sql.substring(start + 2, close);
        if (inner == null || inner.contains("{{")) {
            throw error("The {{ at " + where(start) + " is never closed: add }}.", start);
        }
        int end = close + 2;
        String content = inner.strip();
        Matcher snippet = SNIPPET.matcher(content);
        if (snippet.matches()) {
            String name = snippet.group(1);
            if (!SNIPPET_NAME.matcher(name).matches()) {
                throw error(show(start, end) + " at " + where(start) + " is not a valid snippet reference: a snippet"
                        + " name has only letters, digits, spaces, _, - and . (at most 100 characters).", start);
            }
            return token(Kind.SNIPPET, start, end, name, null);
        }
        Matcher parameter = PARAMETER.matcher(content);
        if (!parameter.matches()) {
            throw error(show(start, end) + " at " + where(start) + " is not a valid parameter: a parameter name"
                    + " starts with a letter or _ and has only letters, digits and _, like {{region}}.", start);
        }
        String name = parameter.group(1);
        String part = parameter.group(2);
        if (name.length() > MAX_PARAMETER_NAME) {
            throw error("The parameter name at " + where(start) + " is too long: at most " + MAX_PARAMETER_NAME
                    + " characters.", start);
        }
        if (part != null && !part.equals("start") && !part.equals("end")) {
            throw error(show(start, end) + " at " + where(start) + " is not a valid parameter: only date ranges"
                    + " have parts, written {{" + name + ".start}} and {{" + name + ".end}}.", start);
        }
        return token(Kind.PARAMETER, start, end, name, part);
    }

    // The token as written, shortened and on one line, so that a message stays readable.
    private String show(int start, int end) {
        String text = sql.substring(start, end).replaceAll("\\s+", " ");
        return text.length() <= 40 ? text : text.substring(0, 37) + "…}}";
    }

    private Token token(Kind kind, int start, int end, String name, String part) {
        int line = lineOf(start);
        return new Token(kind, sql.substring(start, end), start, line, start - lineStarts[line - 1] + 1, name, part);
    }

    private String where(int offset) {
        int line = lineOf(offset);
        return where(line, offset - lineStarts[line - 1] + 1);
    }

    private SqlTemplateException error(String message, int offset) {
        int line = lineOf(offset);
        return new SqlTemplateException(message, line, offset - lineStarts[line - 1] + 1);
    }

    private int lineOf(int offset) {
        int found = Arrays.binarySearch(lineStarts, offset);
        return found >= 0 ? found + 1 : -found - 1;
    }

    // Offsets where lines start; \r\n, \n and \r each end a line.
    private static int[] lineStarts(String sql) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\n' || (c == '\r' && !(i + 1 < sql.length() && sql.charAt(i + 1) == '\n'))) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}
