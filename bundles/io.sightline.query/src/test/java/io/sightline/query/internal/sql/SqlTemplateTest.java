package io.sightline.query.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.sightline.api.query.BoundSql;
import io.sightline.api.query.BoundValue;
import io.sightline.api.query.DateRange;
import io.sightline.api.query.ParameterDefinition;
import io.sightline.api.query.ParameterType;

class SqlTemplateTest {

    private static Map<String, ParameterDefinition> defs(ParameterDefinition... definitions) {
        return Arrays.stream(definitions).collect(Collectors.toMap(ParameterDefinition::name, Function.identity()));
    }

    private static ParameterDefinition optional(String name, ParameterType type) {
        return ParameterDefinition.of(name, type, false);
    }

    private static BoundSql bind(String sql, Map<String, ParameterDefinition> definitions, Map<String, Object> values) {
        return SqlTemplate.parse(sql).bind(definitions, values);
    }

    private static List<Object> values(BoundSql bound) {
        return bound.values().stream().map(BoundValue::value).collect(Collectors.toList());
    }

    private static SqlTemplateException bindError(String sql, Map<String, ParameterDefinition> definitions,
            Map<String, Object> values) {
        return assertThrows(SqlTemplateException.class, () -> bind(sql, definitions, values));
    }

    @Test
    void replacesEachReferenceWithAPlaceholder() {
        BoundSql bound = bind("SELECT * FROM orders WHERE region = {{region}} AND total > {{ min }} AND day = {{day}}",
                defs(optional("region", ParameterType.TEXT), optional("min", ParameterType.NUMBER),
                        optional("day", ParameterType.DATE)),
                Map.of("region", "EU", "min", 10, "day", "2024-02-29"));
        assertEquals("SELECT * FROM orders WHERE region = ? AND total > ? AND day = ?", bound.sql());
        assertEquals(List.of(new BoundValue(1, "region", ParameterType.TEXT, "EU"),
                new BoundValue(2, "min", ParameterType.NUMBER, BigDecimal.valueOf(10)),
                new BoundValue(3, "day", ParameterType.DATE, LocalDate.of(2024, 2, 29))), bound.values());
    }

    @Test
    void keepsLiteralsCommentsAndQuotedNamesAsWritten() {
        String sql = "SELECT '{{x}}', E'\\'{{x}}', $q${{x}}$q$, \"{{x}}\", `{{x}}` -- {{x}}\n/* [[ {{x}} ]] */ WHERE a = {{a}}";
        BoundSql bound = bind(sql, defs(optional("a", ParameterType.TEXT)), Map.of("a", "v"));
        assertEquals(sql.replace("{{a}}", "?"), bound.sql());
        assertEquals(List.of("v"), values(bound));
    }

    @Test
    void parameterNamesInOrderOfFirstUse() {
        SqlTemplate template = SqlTemplate.parse("{{b}} {{a}} [[{{c}} {{b}}]] {{r.start}} {{r.end}} {{a}}");
        assertEquals(List.of("b", "a", "c", "r"), List.copyOf(template.parameterNames()));
    }

    @Test
    void aReusedParameterIsBoundAtEveryUse() {
        BoundSql bound = bind("{{a}} = {{a}}", defs(optional("a", ParameterType.NUMBER)), Map.of("a", "1.50"));
        assertEquals("? = ?", bound.sql());
        assertEquals(List.of(new BigDecimal("1.50"), new BigDecimal("1.50")), values(bound));
    }

    @Test
    void aListBecomesOnePlaceholderPerElement() {
        Map<String, ParameterDefinition> definitions = defs(optional("ids", ParameterType.LIST),
                optional("tags", ParameterType.LIST));
        BoundSql bound = bind("WHERE id IN ({{ids}}) AND tag IN ({{tags}})", definitions,
                Map.of("ids", List.of(1, 2L, new BigDecimal("3.5")), "tags", List.of("a", "b'c")));
        assertEquals("WHERE id IN (?, ?, ?) AND tag IN (?, ?)", bound.sql());
        assertEquals(List.of(BigDecimal.ONE, BigDecimal.valueOf(2), new BigDecimal("3.5"), "a", "b'c"), values(bound));
        assertEquals(List.of(1, 2, 3, 4, 5), bound.values().stream().map(BoundValue::index).toList());
        assertEquals(ParameterType.LIST, bound.values().get(0).type());
        // A single value is a list of one.
        assertEquals("WHERE id IN (?) AND tag IN (?)",
                bind("WHERE id IN ({{ids}}) AND tag IN ({{tags}})", definitions, Map.of("ids", 7, "tags", "x")).sql());
    }

    @Test
    void listsAreLimitedAndOfOneKind() {
        Map<String, ParameterDefinition> definitions = defs(optional("ids", ParameterType.LIST));
        assertEquals("?" + ", ?".repeat(999), bind("{{ids}}", definitions,
                Map.of("ids", java.util.Collections.nCopies(1_000, "x"))).sql());
        assertEquals("Parameter 'ids' has 1,001 values; at most 1,000 are allowed.",
                bindError("{{ids}}", definitions, Map.of("ids", java.util.Collections.nCopies(1_001, 1))).getMessage());
        assertEquals("Parameter 'ids': the list mixes numbers and text; use only one of them.",
                bindError("{{ids}}", definitions, Map.of("ids", List.of(1, "a"))).getMessage());
        assertEquals("Parameter 'ids', value 2 of the list: the value is empty.",
                bindError("{{ids}}", definitions, Map.of("ids", Arrays.asList("a", null))).getMessage());
        assertEquals("Parameter 'ids', value 1 of the list: expected text, got a list.",
                bindError("{{ids}}", definitions, Map.of("ids", List.of(List.of("a")))).getMessage());
    }

    @Test
    void aDateRangeIsUsedByItsParts() {
        Map<String, ParameterDefinition> definitions = defs(optional("period", ParameterType.DATE_RANGE));
        BoundSql bound = bind("day BETWEEN {{period.start}} AND {{ period.end }}", definitions,
                Map.of("period", Map.of("start", "2024-01-01", "end", "2024-01-31")));
        assertEquals("day BETWEEN ? AND ?", bound.sql());
        assertEquals(List.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31)), values(bound));
        assertEquals(List.of("period", "period"), bound.values().stream().map(BoundValue::parameter).toList());

        SqlTemplateException bare = bindError("day = {{period}}", definitions, Map.of());
        assertEquals("Parameter 'period' is a date range: use {{period.start}} and {{period.end}} (line 1, column 7).",
                bare.getMessage());
        assertEquals(7, bare.column());
        assertEquals("Parameter 'region' is not a date range, so {{region.start}} is not allowed (line 1, column 5).",
                bindError("x = {{region.start}}", defs(optional("region", ParameterType.TEXT)), Map.of()).getMessage());
    }

    @Test
    void dateRangeValuesAreChecked() {
        Map<String, ParameterDefinition> definitions = defs(optional("p", ParameterType.DATE_RANGE));
        String sql = "{{p.start}}";
        assertEquals("Parameter 'p': the start date 2024-02-01 is after the end date 2024-01-31.",
                bindError(sql, definitions, Map.of("p", Map.of("start", "2024-02-01", "end", "2024-01-31"))).getMessage());
        assertEquals("Parameter 'p': a date range needs both a start and an end date.",
                bindError(sql, definitions, Map.of("p", Map.of("start", "2024-02-01"))).getMessage());
        assertEquals("Parameter 'p', the end date: '2024-02-30' is not a date (YYYY-MM-DD).",
                bindError(sql, definitions, Map.of("p", Map.of("start", "2024-02-01", "end", "2024-02-30"))).getMessage());
        assertEquals("Parameter 'p': a date range has only a \"start\" and an \"end\".",
                bindError(sql, definitions, Map.of("p", Map.of("from", "2024-02-01"))).getMessage());
        assertEquals("Parameter 'p': '2024-01-01' is not a date range; use {\"start\": \"2024-01-01\", \"end\": "
                + "\"2024-01-31\"} or one of: today, yesterday, N days ago, last N days, this week|month|quarter|year or "
                + "last week|month|quarter|year.", bindError(sql, definitions, Map.of("p", "2024-01-01")).getMessage());
        assertEquals("Parameter 'p': expected a date range like {\"start\": \"2024-01-01\", \"end\": \"2024-01-31\"},"
                + " got a number.", bindError(sql, definitions, Map.of("p", 20240101)).getMessage());
        // Typed values, as in a default, are taken as they are.
        DateRange range = new DateRange(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 1));
        assertEquals(List.of(range.start()), values(bind(sql, definitions, Map.of("p", range))));
    }

    @Test
    void valuesAreConvertedWithErrorsNamingTheParameter() {
        Map<String, ParameterDefinition> definitions = defs(optional("since", ParameterType.DATE),
                optional("n", ParameterType.NUMBER), optional("t", ParameterType.TEXT));
        assertEquals("Parameter 'since': '2024-13-01' is not a date (YYYY-MM-DD), today, yesterday or N days ago.",
                bindError("{{since}}", definitions, Map.of("since", "2024-13-01")).getMessage());
        assertEquals("Parameter 'since': expected a date (YYYY-MM-DD), got a number.",
                bindError("{{since}}", definitions, Map.of("since", 20240101)).getMessage());
        for (Object notANumber : List.of("abc", "NaN", "Infinity", "1,5", "0x10", "1e2147483648")) {
            assertEquals("Parameter 'n': '" + notANumber + "' is not a number.",
                    bindError("{{n}}", definitions, Map.of("n", notANumber)).getMessage());
        }
        assertEquals("Parameter 'n': NaN is not a number.",
                bindError("{{n}}", definitions, Map.of("n", Double.NaN)).getMessage());
        assertEquals("Parameter 'n': Infinity is not a number.",
                bindError("{{n}}", definitions, Map.of("n", Double.POSITIVE_INFINITY)).getMessage());
        assertEquals("Parameter 'n': '1e5000' is too large or has too many digits (at most 1,000).",
                bindError("{{n}}", definitions, Map.of("n", "1e5000")).getMessage());
        assertEquals("Parameter 'n': expected a number, got true/false.",
                bindError("{{n}}", definitions, Map.of("n", true)).getMessage());
        assertEquals("Parameter 't': the text is too long (10,001 characters; at most 10,000).",
                bindError("{{t}}", definitions, Map.of("t", "x".repeat(10_001))).getMessage());
        assertEquals("Parameter 't': expected text, got an object.",
                bindError("{{t}}", definitions, Map.of("t", Map.of())).getMessage());

        BoundSql ok = bind("{{n}} {{t}} {{since}}", definitions, Map.of("n", " 2.5e1 ", "t", 42, "since", " 2024-02-29 "));
        assertEquals(List.of(new BigDecimal("2.5e1"), "42", LocalDate.of(2024, 2, 29)), values(ok));
        assertEquals(List.of(BigDecimal.valueOf(0.1)), values(bind("{{n}}", definitions, Map.of("n", 0.1))));
    }

    @Test
    void anUndefinedParameterIsNamed() {
        SqlTemplateException e = bindError("SELECT 1\nWHERE a = {{x}}", Map.of(), Map.of());
        assertEquals("Parameter {{x}} is used but not defined (line 2, column 11).", e.getMessage());
        assertEquals(2, e.line());
        assertEquals(11, e.column());
        // Also inside an optional block, which would otherwise be left out.
        assertEquals("Parameter {{x}} is used but not defined (line 1, column 4).",
                bindError("[[ {{x}} ]]", Map.of(), Map.of()).getMessage());
    }

    @Test
    void aParameterOutsideBlocksNeedsAValue() {
        assertEquals("Parameter 'region' needs a value.",
                bindError("{{region}}", defs(optional("region", ParameterType.TEXT)), Map.of()).getMessage());
        Map<String, Object> nullValue = new HashMap<>();
        nullValue.put("region", null);
        assertEquals("Parameter 'region' needs a value.",
                bindError("{{region}}", defs(optional("region", ParameterType.TEXT)), nullValue).getMessage());
        assertEquals("Parameter 'ids' needs a value.",
                bindError("{{ids}}", defs(optional("ids", ParameterType.LIST)), Map.of("ids", List.of())).getMessage());
        assertEquals("Parameter 'n' needs a value.",
                bindError("{{n}}", defs(optional("n", ParameterType.NUMBER)), Map.of("n", "  ")).getMessage());
        assertEquals("Parameter 'p' needs a value.", bindError("{{p.start}}",
                defs(optional("p", ParameterType.DATE_RANGE)), Map.of("p", Map.of("start", "", "end", ""))).getMessage());
        // Empty text is a value (WHERE name = '').
        assertEquals(List.of(""), values(bind("{{t}}", defs(optional("t", ParameterType.TEXT)), Map.of("t", ""))));
    }

    @Test
    void theDefaultIsUsedWhenNoValueIsGiven() {
        Map<String, ParameterDefinition> definitions = defs(
                new ParameterDefinition("region", ParameterType.TEXT, true, "EU", "Region"),
                new ParameterDefinition("ids", ParameterType.LIST, false, List.of(BigDecimal.ONE), null));
        assertEquals(List.of("EU", BigDecimal.ONE), values(bind("{{region}} {{ids}}", definitions, null)));
        assertEquals(List.of("US", "7"),
                values(bind("{{region}} {{ids}}", definitions, Map.of("region", "US", "ids", List.of("7")))));
        assertEquals(List.of("EU", BigDecimal.ONE),
                values(bind("{{region}} {{ids}}", definitions, Map.of("ids", List.of()))));
    }

    @Test
    void optionalBlocksAreKeptOnlyWhenAllTheirParametersHaveValues() {
        String sql = "SELECT * FROM t WHERE true [[ AND region = {{region}} ]][[AND day BETWEEN {{p.start}} AND {{p.end}}"
                + " AND n > {{n}}]] ORDER BY 1";
        Map<String, ParameterDefinition> definitions = defs(optional("region", ParameterType.TEXT),
                optional("p", ParameterType.DATE_RANGE), optional("n", ParameterType.NUMBER));
        Map<String, Object> range = Map.of("start", "2024-01-01", "end", "2024-01-02");

        assertEquals("SELECT * FROM t WHERE true  ORDER BY 1", bind(sql, definitions, Map.of()).sql());
        BoundSql first = bind(sql, definitions, Map.of("region", "EU"));
        assertEquals("SELECT * FROM t WHERE true  AND region = ?  ORDER BY 1", first.sql());
        assertEquals(List.of("EU"), values(first));
        // Some but not all of a block's parameters: the block is left out.
        assertEquals("SELECT * FROM t WHERE true  ORDER BY 1", bind(sql, definitions, Map.of("p", range)).sql());
        BoundSql all = bind(sql, definitions, Map.of("region", "EU", "p", range, "n", 5));
        assertEquals("SELECT * FROM t WHERE true  AND region = ? AND day BETWEEN ? AND ? AND n > ? ORDER BY 1",
                all.sql());
        assertEquals(List.of(1, 2, 3, 4), all.values().stream().map(BoundValue::index).toList());
    }

    @Test
    void aBadValueIsReportedEvenWhereItsBlockIsLeftOut() {
        Map<String, ParameterDefinition> definitions = defs(optional("a", ParameterType.NUMBER),
                optional("b", ParameterType.NUMBER));
        assertEquals("Parameter 'a': 'x' is not a number.",
                bindError("[[{{a}} {{b}}]]", definitions, Map.of("a", "x")).getMessage());
    }

    @Test
    void aRequiredParameterNeedsAValueEvenInABlock() {
        assertEquals("Parameter 'region' needs a value.", bindError("[[ AND region = {{region}} ]]",
                defs(ParameterDefinition.of("region", ParameterType.TEXT, true)), Map.of()).getMessage());
    }

    @Test
    void blockErrorsPointAtTheBrackets() {
        assertParseError("a [[ b {{x}} [[ c ]] ]]", 1, 14,
                "Optional blocks cannot be nested: the [[ at line 1, column 14 is inside the block opened at line 1, column 3.");
        assertParseError("a {{x}} ]]", 1, 9,
                "The ]] at line 1, column 9 closes no optional block [[. To write ]] in SQL, put a space between the brackets.");
        assertParseError("a\n  [[ AND {{x}}", 2, 3, "The optional block [[ at line 2, column 3 is never closed: add ]].");
        assertParseError("SELECT ARRAY[[1,2],[3,4]]", 1, 13, "The optional block [[ … ]] at line 1, column 13 uses no"
                + " parameter, so it would always be kept. To write [[ in SQL, put a space between the brackets.");
        assertParseError("a = 'x", 1, 5, "A text in quotes starting at line 1, column 5 is never closed: add the closing '.");
        assertParseError("{{snippet:a}}", 1, 1, "The snippet 'a' at line 1, column 1 was not inserted.");
        // Brackets inside literals and comments are not blocks.
        assertEquals("SELECT '[[', ']]' -- ]]", SqlTemplate.parse("SELECT '[[', ']]' -- ]]").bind(Map.of(), Map.of()).sql());
    }

    private static void assertParseError(String sql, int line, int column, String message) {
        SqlTemplateException e = assertThrows(SqlTemplateException.class, () -> SqlTemplate.parse(sql));
        assertEquals(message, e.getMessage());
        assertEquals(line, e.line());
        assertEquals(column, e.column());
    }

    @Test
    void displayListsTheValuesUnderTheSql() {
        BoundSql bound = bind("SELECT * FROM t WHERE region = {{region}} AND id IN ({{ids}}) AND d >= {{p.start}}",
                defs(optional("region", ParameterType.TEXT), optional("ids", ParameterType.LIST),
                        optional("p", ParameterType.DATE_RANGE)),
                Map.of("region", "EU", "ids", List.of(1, 2), "p", Map.of("start", "2024-01-01", "end", "2024-01-31")));
        assertEquals("""
                SELECT * FROM t WHERE region = ? AND id IN (?, ?) AND d >= ?
                -- 1: region = 'EU'
                -- 2: ids = 1
                -- 3: ids = 2
                -- 4: p = DATE '2024-01-01'
                """, bound.display());
    }
}
