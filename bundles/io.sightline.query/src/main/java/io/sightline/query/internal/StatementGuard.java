package io.sightline.query.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sightline.api.query.QueryException;
import io.sightline.query.internal.sql.SqlLexer;
import io.sightline.query.internal.sql.SqlLexer.Kind;
import io.sightline.query.internal.sql.SqlLexer.Token;

/**
 * Checks the statement before it is sent (DS-6): exactly one statement per run, and for a data
 * source marked "read-only enforced" a query only. Words are looked at in SQL code alone, never
 * inside strings, quoted identifiers or comments.
 *
 * <p>This is a second line: the first is the read-only session every connection is in, and the
 * one that cannot be talked around is a database user that may only read. A function with side
 * effects called from a SELECT is not caught here.
 */
final class StatementGuard {
    /** Words a query starts with. */
    private static final Set<String> QUERY_STARTS = Set.of("SELECT", "WITH", "VALUES", "TABLE", "SHOW", "DESCRIBE",
            "DESC", "EXPLAIN");
    /** Words that change data, schema or locks wherever they appear in a statement. */
    private static final Set<String> WRITE_WORDS = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "CREATE",
            "ALTER", "DROP", "TRUNCATE", "GRANT", "REVOKE", "COPY", "CALL", "EXEC", "EXECUTE", "INTO", "LOCK",
            "VACUUM", "REINDEX", "REFRESH", "RENAME", "OUTFILE", "DUMPFILE", "ATTACH", "DETACH", "HANDLER", "LOAD");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    private StatementGuard() {}

    /**
     * The statement without trailing semicolons and blank space.
     *
     * @throws QueryException when the SQL holds no statement or several, or, with
     *     {@code readOnlyEnforced}, when it is not a query
     */
    static String check(String sql, boolean readOnlyEnforced) {
        List<Token> tokens = SqlLexer.lex(sql);
        int end = sql.length();
        boolean seenCode = false;
        Token firstWord = null;
        Token writeWord = null;
        for (Token token : tokens) {
            if (token.kind() != Kind.CODE) {
                if (token.kind() != Kind.COMMENT) {
                    seenCode = true;
                }
                continue;
            }
            String text = token.text();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == ';') {
                    if (!blankAfter(sql, token.offset() + i + 1)) {
                        throw new QueryException(QueryException.Reason.INVALID,
                                "Run one statement at a time: there is more after the ';' at " + position(sql, token.offset() + i) + ".",
                                "sql", 0, 0);
                    }
                    end = Math.min(end, token.offset() + i);
                } else if (!Character.isWhitespace(c)) {
                    seenCode = true;
                }
            }
            Matcher m = WORD.matcher(text);
            while (m.find()) {
                // A word glued to a preceding identifier character is part of it (e.g. "x.update" is fine too).
                if (m.start() > 0 && (text.charAt(m.start() - 1) == '.' || Character.isLetterOrDigit(text.charAt(m.start() - 1)))) {
                    continue;
                }
                String word = m.group().toUpperCase(Locale.ROOT);
                if (firstWord == null) {
                    firstWord = at(token, m.start(), word);
                }
                if (writeWord == null && WRITE_WORDS.contains(word)) {
                    writeWord = at(token, m.start(), word);
                }
            }
        }
        String statement = sql.substring(0, end).strip();
        if (!seenCode || statement.isEmpty()) {
            throw new QueryException(QueryException.Reason.INVALID, "There is no SQL statement to run.", "sql", 0, 0);
        }
        if (readOnlyEnforced) {
            if (firstWord == null || !QUERY_STARTS.contains(firstWord.text())) {
                String place = firstWord == null ? "" : ", and this one starts with '" + firstWord.text() + "' (line "
                        + firstWord.line() + ", column " + firstWord.column() + ")";
                throw new QueryException(QueryException.Reason.NOT_A_QUERY, "This data source is read-only enforced: "
                        + "it runs queries only, statements that start with SELECT, WITH, VALUES, TABLE, SHOW, DESCRIBE "
                        + "or EXPLAIN" + place + ".", "sql", firstWord == null ? 0 : firstWord.line(),
                        firstWord == null ? 0 : firstWord.column());
            }
            if (writeWord != null) {
                throw notAQuery("'" + writeWord.text() + "'", writeWord);
            }
        }
        return statement;
    }

    private static Token at(Token token, int index, String word) {
        // Line and column of a word inside a CODE span, counted from the span's start.
        String before = token.text().substring(0, index);
        int newlines = (int) before.chars().filter(ch -> ch == '\n').count();
        int column = newlines == 0 ? token.column() + index : index - before.lastIndexOf('\n');
        return new Token(Kind.CODE, word, token.offset() + index, token.line() + newlines, column, null, null);
    }

    private static QueryException notAQuery(String what, Token where) {
        String place = where == null ? "" : " (line " + where.line() + ", column " + where.column() + ")";
        return new QueryException(QueryException.Reason.NOT_A_QUERY, "This data source is read-only enforced: it runs "
                + "queries only, and " + what + place + " would change data or the database. An admin can turn off "
                + "\"read-only enforced\" on the data source.", "sql", where == null ? 0 : where.line(),
                where == null ? 0 : where.column());
    }

    private static boolean blankAfter(String sql, int from) {
        // Only more semicolons, blanks or comments may follow a terminating ';'.
        for (Token token : SqlLexer.lex(sql.substring(from))) {
            if (token.kind() == Kind.COMMENT) {
                continue;
            }
            if (token.kind() != Kind.CODE || !token.text().replace(";", "").isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static String position(String sql, int offset) {
        String before = sql.substring(0, offset);
        int line = 1 + (int) before.chars().filter(ch -> ch == '\n').count();
        int column = offset - before.lastIndexOf('\n');
        return "line " + line + ", column " + column;
    }
}
