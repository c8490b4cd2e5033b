package io.sightline.query.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.sightline.api.query.BoundSql;
import io.sightline.api.query.BoundValue;
import io.sightline.api.query.ParameterDefinition;
import io.sightline.api.query.ParameterType;
import io.sightline.query.internal.sql.SqlLexer.Token;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Combinators;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/** Properties that must hold for any input, not just the examples we thought of. */
class SqlTemplatePropertiesTest {

    // SQL quoting, comment and template syntax, and characters that break naive splicing.
    private static final String[] TRICKY = {"'", "''", "\"", "`", "\\", "?", "??", "$$", "$a$", "E'", "--", "/*",
        "*/", "#", "{{", "}}", "{{x}}", "{{snippet:s}}", "[[", "]]", ";", "\0", "\n", "\r", " ", "x", "é", "😀",
        ".start", "snippet:", ":"};

    private static final String TEMPLATE = "SELECT * FROM t -- {{ignored}}\nWHERE a = {{a}} AND '{{a}}' <> {{a}}"
            + " [[AND b IN ({{b}})]] AND c IN ({{c}}) /* [[ {{c}} ]] */";

    private static final Map<String, ParameterDefinition> DEFINITIONS = Map.of(
            "a", ParameterDefinition.of("a", ParameterType.TEXT, true),
            "b", ParameterDefinition.of("b", ParameterType.LIST, false),
            "c", ParameterDefinition.of("c", ParameterType.LIST, true));

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(50),
                Arbitraries.of(TRICKY).list().ofMaxSize(20).map(parts -> String.join("", parts)));
    }

    /** Two lists of the same length: the values of two runs of one list parameter. */
    @Provide
    Arbitrary<List<Tuple2<String, String>>> pairs() {
        return Combinators.combine(values(), values()).as(Tuple::of).list().ofMaxSize(30);
    }

    /** The same for a required list, which needs at least one element. */
    @Provide
    Arbitrary<List<Tuple2<String, String>>> nonEmptyPairs() {
        return Combinators.combine(values(), values()).as(Tuple::of).list().ofMinSize(1).ofMaxSize(30);
    }

    @Provide
    Arbitrary<String> sqlish() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.of(TRICKY).list().ofMaxSize(40).map(parts -> String.join("", parts)));
    }

    /** (a) The bound SQL text depends on the list lengths only, never on the values themselves. */
    @Property(tries = 500)
    void valuesNeverChangeTheSqlText(@ForAll("values") String a1, @ForAll("values") String a2,
            @ForAll("pairs") List<Tuple2<String, String>> b, @ForAll("nonEmptyPairs") List<Tuple2<String, String>> c) {
        SqlTemplate template = SqlTemplate.parse(TEMPLATE);
        List<String> b1 = firsts(b);
        List<String> c1 = firsts(c);
        List<String> b2 = seconds(b);
        List<String> c2 = seconds(c);
        BoundSql first = template.bind(DEFINITIONS, Map.of("a", a1, "b", b1, "c", c1));
        BoundSql second = template.bind(DEFINITIONS, Map.of("a", a2, "b", b2, "c", c2));

        assertEquals(first.sql(), second.sql());
        assertEquals(expectedSql(b.size(), c.size()), first.sql());
        // The values are bound exactly as given, in order.
        assertEquals(concat(List.of(a1, a1), b1, c1), values(first));
        assertEquals(concat(List.of(a2, a2), b2, c2), values(second));
    }

    /** (b) Arbitrary text never makes the lexer, the snippet expander or the parser fail otherwise. */
    @Property(tries = 2_000)
    void onlyDocumentedErrorsOnArbitraryInput(@ForAll("sqlish") String sql) {
        try {
            List<Token> tokens = SqlLexer.lex(sql);
            assertEquals(sql, tokens.stream().map(Token::text).collect(Collectors.joining()));
        } catch (SqlTemplateException expected) {
            // the documented error for bad SQL
        }
        try {
            String expanded = new SnippetExpander(name -> Optional.of(sql)).expand(sql);
            SqlTemplate.parse(expanded).bind(Map.of(), Map.of());
        } catch (SqlTemplateException expected) {
            // the documented error for bad SQL, unknown parameters or snippet loops
        }
    }

    private static String expectedSql(int b, int c) {
        return "SELECT * FROM t -- {{ignored}}\nWHERE a = ? AND '{{a}}' <> ? "
                + (b == 0 ? "" : "AND b IN (" + placeholders(b) + ")")
                + " AND c IN (" + placeholders(c) + ") /* [[ {{c}} ]] */";
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static List<String> firsts(List<Tuple2<String, String>> pairs) {
        return pairs.stream().map(Tuple2::get1).collect(Collectors.toList());
    }

    private static List<String> seconds(List<Tuple2<String, String>> pairs) {
        return pairs.stream().map(Tuple2::get2).collect(Collectors.toList());
    }

    @SafeVarargs
    private static List<Object> concat(List<String>... lists) {
        return Arrays.stream(lists).flatMap(List::stream).collect(Collectors.toList());
    }

    private static List<Object> values(BoundSql bound) {
        return bound.values().stream().map(BoundValue::value).collect(Collectors.toList());
    }
}
