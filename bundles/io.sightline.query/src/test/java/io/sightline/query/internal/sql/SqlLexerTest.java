package io.sightline.query.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.sightline.query.internal.sql.SqlLexer.Kind;
import io.sightline.query.internal.sql.SqlLexer.Token;

class SqlLexerTest {

    /** The kinds of the tokens, and the text of the tokens that are not plain code. */
    private static String shape(String sql) {
        List<Token> tokens = SqlLexer.lex(sql);
        assertEquals(sql, tokens.stream().map(Token::text).collect(Collectors.joining()), "tokens cover the input");
        return tokens.stream()
                .map(t -> t.kind() == Kind.CODE ? "CODE" : t.kind() + "(" + t.text() + ")")
                .collect(Collectors.joining(" "));
    }

    private static long templateTokens(String sql) {
        return SqlLexer.lex(sql).stream()
                .filter(t -> t.kind() != Kind.CODE && t.kind() != Kind.STRING && t.kind() != Kind.COMMENT
                        && t.kind() != Kind.QUOTED_IDENTIFIER)
                .count();
    }

    @Test
    void findsParametersSnippetsAndBlocksInCode() {
        assertEquals("CODE PARAMETER({{region}}) CODE OPTIONAL_START([[) CODE PARAMETER({{ since.start }}) "
                + "OPTIONAL_END(]]) CODE SNIPPET({{snippet: active users}})",
                shape("SELECT * WHERE r = {{region}} [[AND d >= {{ since.start }}]] AND {{snippet: active users}}"));
        Token range = SqlLexer.lex("{{ since.end }}").get(0);
        assertEquals("since", range.name());
        assertEquals("end", range.part());
        Token plain = SqlLexer.lex("{{x}}").get(0);
        assertEquals("x", plain.name());
        assertNull(plain.part());
        assertEquals("active users", SqlLexer.lex("{{snippet: active users}}").get(0).name());
        assertEquals("a", SqlLexer.lex("{{ SNIPPET : a }}").get(0).name());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "'{{x}} [[ ]]'",
        "'it''s {{x}}'",
        "E'it\\'s {{x}} \\\\'",
        "e'{{x}}'",
        "$${{x}} [[ ]] ' \"$$",
        "$body${{x}} $$ $other$ [[$body$",
        "\"{{x}}\"",
        "\"a\"\"{{x}}\"",
        "`{{x}}`",
        "`a``{{x}}`",
        "-- {{x}} [[ ]]",
        "/* {{x}} [[ ]] */",
        "/* outer /* {{x}} */ still comment {{x}} */",
    })
    void ignoresTemplateSyntaxInLiteralsIdentifiersAndComments(String hidden) {
        String sql = "SELECT " + hidden + "\nFROM t";
        assertEquals(0, templateTokens(sql), sql);
        // The same text right after the hidden span is found again.
        assertEquals(1, templateTokens(sql + " WHERE a = {{y}}"), sql);
    }

    @Test
    void tellsLiteralsApartFromNamesThatLookLikeThem() {
        // name_e'…' is an identifier followed by a plain string: the backslash does not escape.
        assertEquals("CODE STRING('\\') CODE PARAMETER({{x}})", shape("name_e'\\' {{x}}"));
        // E'…' takes backslash escapes.
        assertEquals("CODE STRING(E'\\' {{x}}')", shape("x = E'\\' {{x}}'"));
        // a$b$ is an identifier; $1 is a positional parameter, not a dollar quote.
        assertEquals("CODE PARAMETER({{x}})", shape("a$b$ {{x}}"));
        assertEquals("CODE PARAMETER({{x}}) CODE", shape("$1 {{x}} $1"));
        // # is not a comment.
        assertEquals("CODE PARAMETER({{x}})", shape("# {{x}}"));
        // A line comment ends at the line break, which stays code.
        assertEquals("COMMENT(-- a) CODE PARAMETER({{x}})", shape("-- a\r\n{{x}}"));
        // MySQL does not nest comments: if nesting leaves it open, the first */ ends it.
        assertEquals("COMMENT(/* a /* b */) CODE PARAMETER({{x}})", shape("/* a /* b */ {{x}}"));
        // … and once seen, later comments do not nest either.
        assertEquals("COMMENT(/* a /* b */) CODE COMMENT(/* /* c */) CODE PARAMETER({{x}})",
                shape("/* a /* b */ x /* /* c */ {{x}}"));
        // Nested comments that close are PostgreSQL's.
        assertEquals("COMMENT(/* a /* b */ c */) CODE PARAMETER({{x}})", shape("/* a /* b */ c */ {{x}}"));
    }

    @Test
    void staysFastOnPathologicalComments() {
        String sql = "/* /* */ ".repeat(50_000) + "{{x}}";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertEquals(100_001, SqlLexer.lex(sql).size()));
    }

    @Test
    void findsBracketsOnlyAsPairs() {
        assertEquals("CODE", shape("arr[1][2] = x[ [1] ]"));
        assertEquals("OPTIONAL_START([[) OPTIONAL_END(]]) CODE", shape("[[]]]"));
    }

    @Test
    void unterminatedSpansAreErrorsWithTheirPosition() {
        assertError("SELECT 1,\n  'abc", 2, 3, "A text in quotes starting at line 2, column 3 is never closed: add the closing '.");
        assertError("SELECT E'abc\\'", 1, 8, "A text in quotes starting at line 1, column 8 is never closed");
        assertError("SELECT $$abc", 1, 8, "A text in $$ quotes starting at line 1, column 8 is never closed: add the closing $$.");
        assertError("SELECT $f$abc$$", 1, 8, "add the closing $f$.");
        assertError("SELECT \"abc", 1, 8, "A quoted name starting at line 1, column 8 is never closed: add the closing \".");
        assertError("SELECT `abc", 1, 8, "add the closing `.");
        assertError("SELECT 1 /* a /* b", 1, 10, "A comment /* starting at line 1, column 10 is never closed: add */.");
        assertError("\r\n\rWHERE a = {{ region", 3, 11, "The {{ at line 3, column 11 is never closed: add }}.");
        assertError("WHERE a = {{region AND b = {{b}}", 1, 11, "The {{ at line 1, column 11 is never closed");
    }

    @Test
    void invalidReferencesAreErrors() {
        assertError("a = {{1x}}", 1, 5, "{{1x}} at line 1, column 5 is not a valid parameter");
        assertError("a = {{}}", 1, 5, "is not a valid parameter");
        assertError("a = {{ a b }}", 1, 5, "is not a valid parameter");
        assertError("a = {{x.middle}}", 1, 5, "only date ranges have parts, written {{x.start}} and {{x.end}}");
        assertError("a = {{snippet:}}", 1, 5, "is not a valid snippet reference");
        assertError("a = {{snippet:a}b}}", 1, 5, "is not a valid snippet reference");
        assertError("{{" + "x".repeat(64) + "}}", 1, 1, "The parameter name at line 1, column 1 is too long");
        SqlLexer.lex("{{" + "x".repeat(63) + "}}");
    }

    @Test
    void columnsCountFromTheLineStart() {
        List<Token> tokens = SqlLexer.lex("a\nbb {{x}}\r\n  [[");
        Token x = tokens.get(1);
        assertEquals(2, x.line());
        assertEquals(4, x.column());
        Token open = tokens.get(3);
        assertEquals(3, open.line());
        assertEquals(3, open.column());
    }

    static void assertError(String sql, int line, int column, String message) {
        SqlTemplateException e = assertThrows(SqlTemplateException.class, () -> SqlLexer.lex(sql));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
    }
}
