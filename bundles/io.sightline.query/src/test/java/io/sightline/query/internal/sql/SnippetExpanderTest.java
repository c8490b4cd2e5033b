package io.sightline.query.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SnippetExpanderTest {

    private static SnippetExpander expander(Map<String, String> snippets) {
        return new SnippetExpander(name -> Optional.ofNullable(snippets.get(name)));
    }

    private static SqlTemplateException error(Map<String, String> snippets, String sql) {
        return assertThrows(SqlTemplateException.class, () -> expander(snippets).expand(sql));
    }

    @Test
    void insertsSnippetsRecursivelyWithTheirParameters() {
        Map<String, String> snippets = Map.of(
                "active users", "users WHERE active AND {{snippet:in region}}",
                "in region", "region = {{region}}");
        String sql = expander(snippets).expand("SELECT count(*) FROM {{ snippet: active users }}");
        assertEquals("SELECT count(*) FROM users WHERE active AND region = {{region}}", sql);
        assertEquals(List.of("region"), List.copyOf(SqlTemplate.parse(sql).parameterNames()));
    }

    @Test
    void leavesReferencesInLiteralsAndCommentsAlone() {
        String sql = "SELECT '{{snippet:a}}', \"{{snippet:a}}\" -- {{snippet:a}}\n/* {{snippet:a}} */";
        assertEquals(sql, expander(Map.of()).expand(sql));
    }

    @Test
    void looksEachSnippetUpOnce() {
        List<String> lookups = new ArrayList<>();
        Map<String, String> snippets = Map.of("a", "{{snippet:b}} + {{snippet:b}}", "b", "1");
        SnippetExpander expander = new SnippetExpander(name -> {
            lookups.add(name);
            return Optional.ofNullable(snippets.get(name));
        });
        assertEquals("1 + 1 = 1 + 1", expander.expand("{{snippet:a}} = {{snippet:a}}"));
        assertEquals(List.of("a", "b"), lookups);
    }

    @Test
    void aSnippetEndingInALineCommentDoesNotSwallowTheRest() {
        String sql = expander(Map.of("a", "x = 1 -- why")).expand("WHERE {{snippet:a}} AND y = {{y}}");
        assertEquals("WHERE x = 1 -- why\n AND y = {{y}}", sql);
        assertEquals(List.of("y"), List.copyOf(SqlTemplate.parse(sql).parameterNames()));
    }

    @Test
    void unknownSnippetsAreNamed() {
        SqlTemplateException e = error(Map.of(), "SELECT\n  {{snippet:nope}}");
        assertEquals("There is no snippet named 'nope'.", e.getMessage());
        assertEquals(2, e.line());
        assertEquals(3, e.column());
        assertEquals("There is no snippet named 'c' (used in snippet 'b').",
                error(Map.of("a", "{{snippet:b}}", "b", "{{snippet:c}}"), "{{snippet:a}}").getMessage());
    }

    @Test
    void loopsShowTheChain() {
        assertEquals("Snippets refer to each other in a loop: a → b → a.",
                error(Map.of("a", "x {{snippet:b}}", "b", "y {{snippet:a}}"), "SELECT {{snippet:a}}").getMessage());
        assertEquals("Snippets refer to each other in a loop: a → a.",
                error(Map.of("a", "{{snippet:a}}"), "{{snippet:a}}").getMessage());
    }

    @Test
    void nestingIsLimited() {
        Map<String, String> snippets = new HashMap<>();
        for (int i = 1; i < 20; i++) {
            snippets.put("s" + i, i + " {{snippet:s" + (i + 1) + "}}");
        }
        snippets.put("s20", "20");
        // s11 … s20 is ten levels deep: fine.
        assertEquals("11 12 13 14 15 16 17 18 19 20", expander(snippets).expand("{{snippet:s11}}"));
        SqlTemplateException e = error(snippets, "{{snippet:s10}}");
        assertEquals("Snippets are nested more than 10 levels deep: s10 → s11 → s12 → s13 → s14 → s15 → s16 → s17"
                + " → s18 → s19 → s20.", e.getMessage());
    }

    @Test
    void theResultLengthIsLimited() {
        // Eight levels of doubling: small snippets, a result of 2^8 × 5,000 characters.
        Map<String, String> snippets = new HashMap<>();
        for (int i = 1; i < 9; i++) {
            snippets.put("s" + i, "{{snippet:s" + (i + 1) + "}}{{snippet:s" + (i + 1) + "}}");
        }
        snippets.put("s9", "x".repeat(5_000));
        SqlTemplateException e = error(snippets, "{{snippet:s1}}");
        assertEquals("The SQL is too long: it may have at most 1,000,000 characters, counting the text of its"
                + " snippets.", e.getMessage());
    }

    @Test
    void theNumberOfInsertionsIsLimited() {
        // Empty snippets never make the result long, but could still make the work explode.
        Map<String, String> snippets = new HashMap<>();
        for (int i = 1; i < 10; i++) {
            snippets.put("s" + i, ("{{snippet:s" + (i + 1) + "}}").repeat(10));
        }
        snippets.put("s10", "");
        assertTrue(error(snippets, "{{snippet:s1}}").getMessage()
                .startsWith("The query uses snippets more than 1,000 times"));
    }

    @Test
    void errorsInsideASnippetNameItAndPointAtItsReference() {
        SqlTemplateException e = error(Map.of("a", "{{snippet:b}}", "b", "x = 'open"), "SELECT\n {{snippet:a}}");
        assertEquals("In snippet 'b': A text in quotes starting at line 1, column 5 is never closed: add the closing '.",
                e.getMessage());
        assertEquals(2, e.line());
        assertEquals(2, e.column());
    }
}
