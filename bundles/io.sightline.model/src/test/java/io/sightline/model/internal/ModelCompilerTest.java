package io.sightline.model.internal;

import static io.sightline.model.internal.Fixtures.DERBY;
import static io.sightline.model.internal.Fixtures.H2;
import static io.sightline.model.internal.Fixtures.MARIADB;
import static io.sightline.model.internal.Fixtures.POSTGRESQL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.sightline.api.driver.DatabaseDriver;
import io.sightline.api.model.CompiledQuery;
import io.sightline.api.model.ModelException;
import io.sightline.api.model.ModelQuery;
import io.sightline.api.model.ModelQuery.Filter;
import io.sightline.api.model.ModelQuery.Operator;
import io.sightline.api.model.ModelQuery.Sort;
import io.sightline.api.model.TimeGrain;
import io.sightline.api.query.BoundSql;
import io.sightline.api.query.ParameterDefinition;
import io.sightline.api.query.ParameterType;
import io.sightline.query.internal.sql.SqlTemplate;

/** What the compiler writes for each dialect, and what it refuses. */
class ModelCompilerTest {
    private static CompiledQuery compile(DatabaseDriver driver, ModelQuery q, List<ParameterDefinition> parameters) {
        return new ModelCompiler(ModelValidator.structure(Fixtures.sales()), driver, parameters).compile("ds1", q);
    }

    private static CompiledQuery compile(DatabaseDriver driver, ModelQuery q) {
        return compile(driver, q, List.of());
    }

    private static ModelQuery select(List<ModelQuery.Dimension> dimensions, List<String> metrics, Filter... filters) {
        return new ModelQuery(dimensions, metrics, List.of(filters), List.of(), 0);
    }

    private static ModelQuery.Dimension dim(String name, TimeGrain grain) {
        return new ModelQuery.Dimension(name, grain);
    }

    /** The SQL as the query service would send it, with the compiled values bound. */
    private static BoundSql bind(CompiledQuery c, Map<String, Object> reportValues) {
        Map<String, ParameterDefinition> defs = c.parameters().stream()
                .collect(Collectors.toMap(ParameterDefinition::name, Function.identity()));
        Map<String, Object> values = new HashMap<>(c.values());
        values.putAll(reportValues);
        return SqlTemplate.parse(c.sql()).bind(defs, values);
    }

    private static ModelException invalid(DatabaseDriver driver, ModelQuery q, String field) {
        ModelException e = assertThrows(ModelException.class, () -> compile(driver, q));
        assertEquals("invalid", e.code());
        assertEquals(field, e.field(), e.getMessage());
        return e;
    }

    @Test
    void identifiersAreQuotedForEachDialect() {
        ModelQuery q = select(List.of(dim("region", null)), List.of("revenue"));
        assertEquals("SELECT \"countries\".\"region\" AS \"region\", SUM(\"orders\".\"amount\") AS \"revenue\"\n"
                + "FROM \"public\".\"orders\" \"orders\"\n"
                + "LEFT JOIN \"public\".\"customers\" \"customers\" ON \"orders\".\"customer_id\" = \"customers\".\"id\"\n"
                + "INNER JOIN \"public\".\"countries\" \"countries\" ON \"customers\".\"country\" = \"countries\".\"name\"\n"
                + "GROUP BY \"countries\".\"region\"", compile(POSTGRESQL, q).sql());
        String maria = compile(MARIADB, q).sql();
        assertTrue(maria.startsWith("SELECT `countries`.`region` AS `region`, SUM(`orders`.`amount`) AS `revenue`\n"
                + "FROM `public`.`orders` `orders`\nLEFT JOIN `public`.`customers` `customers`"), maria);
        assertTrue(compile(H2, q).sql().contains("FROM \"public\".\"orders\" \"orders\""));
        assertTrue(compile(DERBY, q).sql().contains("GROUP BY \"countries\".\"region\""));
    }

    @Test
    void namesThatNeedQuotingStayInsideTheirQuotes() {
        var d = Fixtures.sales("my\"schema", n -> n.equals("amount") ? "am`ount\"" : n);
        CompiledQuery c = new ModelCompiler(ModelValidator.structure(d), MARIADB, List.of())
                .compile("ds1", select(List.of(), List.of("revenue")));
        assertEquals("SELECT SUM(`orders`.`am``ount\"`) AS `revenue`\nFROM `my\"schema`.`orders` `orders`", c.sql());
        c = new ModelCompiler(ModelValidator.structure(d), POSTGRESQL, List.of()).compile("ds1", select(List.of(), List.of("revenue")));
        assertEquals("SELECT SUM(\"orders\".\"am`ount\"\"\") AS \"revenue\"\nFROM \"my\"\"schema\".\"orders\" \"orders\"", c.sql());
    }

    @Test
    void timeGrainsPerDialect() {
        Map<DatabaseDriver, Map<TimeGrain, String>> expected = Map.of(
                POSTGRESQL, Map.of(TimeGrain.MONTH, "CAST(date_trunc('month', CAST(\"orders\".\"ordered_on\" AS TIMESTAMP)) AS DATE)",
                        TimeGrain.WEEK, "date_trunc('week', "),
                H2, Map.of(TimeGrain.WEEK, "CAST(DATE_TRUNC('ISO_WEEK', \"orders\".\"ordered_on\") AS DATE)",
                        TimeGrain.QUARTER, "DATE_TRUNC('QUARTER', "),
                MARIADB, Map.of(TimeGrain.YEAR, "MAKEDATE(YEAR(`orders`.`ordered_on`), 1)",
                        TimeGrain.WEEK, "INTERVAL WEEKDAY(`orders`.`ordered_on`) DAY"),
                DERBY, Map.of(TimeGrain.DAY, "DATE(\"orders\".\"ordered_on\") AS \"ordered_on\"",
                        TimeGrain.MONTH, "{fn TIMESTAMPADD(SQL_TSI_DAY, 1 - DAY(\"orders\".\"ordered_on\")"));
        expected.forEach((driver, grains) -> grains.forEach((grain, fragment) -> {
            String sql = compile(driver, select(List.of(dim("ordered_on", grain)), List.of("orders"))).sql();
            assertTrue(sql.contains(fragment), driver.id() + " " + grain + ": " + sql);
            assertTrue(sql.contains("GROUP BY " + sql.substring(7, sql.indexOf(" AS "))), "grouped by the same expression");
            SqlTemplate.parse(sql); // the template engine reads it
        }));
        invalid(POSTGRESQL, select(List.of(dim("region", TimeGrain.MONTH)), List.of()), "dimensions[0].grain");
    }

    @Test
    void onlyTheJoinsTheSelectionNeedsAreWrittenAndTheyArePulledInTransitively() {
        String alone = compile(H2, select(List.of(), List.of("revenue", "orders"))).sql();
        assertFalse(alone.contains("JOIN"), alone);
        String region = compile(H2, select(List.of(dim("region", null)), List.of("revenue"))).sql();
        assertTrue(region.contains("JOIN \"public\".\"customers\"") && region.contains("JOIN \"public\".\"countries\""), region);
        assertFalse(region.contains("products"), region);
        assertTrue(region.indexOf("customers\" \"customers\"") < region.indexOf("countries\" \"countries\""),
                "a table joins after the one it hangs on");
        String filtered = compile(H2, select(List.of(), List.of("revenue"),
                new Filter("category", Operator.EQUALS, List.of("Books"), null))).sql();
        assertTrue(filtered.contains("INNER JOIN \"public\".\"products\""), "a filter's table joins too");
        assertFalse(filtered.contains("customers"), filtered);
        String custom = compile(H2, select(List.of(), List.of("per_unit"))).sql();
        assertEquals("SELECT (SUM(\"orders\".\"amount\") / SUM(\"orders\".\"quantity\")) AS \"per_unit\"\n"
                + "FROM \"public\".\"orders\" \"orders\"", custom);
    }

    @Test
    void fixedValuesAreBoundNeverSpliced() {
        String attack = "' OR 1=1 --";
        CompiledQuery c = compile(POSTGRESQL, select(List.of(dim("customer", null)), List.of("revenue"),
                new Filter("customer", Operator.EQUALS, List.of(attack), null),
                new Filter("region", Operator.IN, List.of("EU", "x\" OR \"1\"=\"1"), null),
                new Filter("customer", Operator.CONTAINS, List.of("50%_off!"), null),
                new Filter("ordered_on", Operator.BETWEEN, List.of("2025-01-01", "2025-12-31"), null),
                new Filter("ordered_at", Operator.GREATER_OR_EQUAL, List.of("2025-03-01"), null),
                new Filter("active", Operator.EQUALS, List.of(true), null)));
        assertFalse(c.sql().contains("OR 1=1"), c.sql());
        assertEquals("'!'", c.sql().replaceAll("[^']*('[^']*')?[^']*", "$1"), "the only literal is the LIKE escape");
        assertTrue(c.sql().contains("WHERE \"customers\".\"name\" = {{m_0}} AND \"countries\".\"region\" IN ({{m_1}}, {{m_2}})"
                + " AND LOWER(\"customers\".\"name\") LIKE {{m_3}} ESCAPE '!' AND \"orders\".\"ordered_on\" BETWEEN {{m_4}} AND {{m_5}}"), c.sql());
        assertEquals(attack, c.values().get("m_0"));
        assertEquals("%50!%!_off!!%", c.values().get("m_3"));
        assertEquals(LocalDate.parse("2025-01-01"), c.values().get("m_4"));
        assertTrue(c.sql().contains("CAST(\"orders\".\"ordered_at\" AS DATE) >= {{m_6}}"), c.sql());
        assertTrue(c.sql().contains("\"customers\".\"active\" = TRUE"), c.sql());
        assertEquals(ParameterType.DATE, c.parameters().get(4).type());

        BoundSql bound = bind(c, Map.of());
        assertFalse(bound.sql().contains(attack));
        assertEquals(attack, bound.values().get(0).value());
        assertEquals(7, bound.values().size());
    }

    @Test
    void theEscapeOfContainsIsTheOnlyLiteral() {
        CompiledQuery c = compile(MARIADB, select(List.of(), List.of("orders"),
                new Filter("customer", Operator.CONTAINS, List.of("Ann"), null)));
        assertTrue(c.sql().endsWith("WHERE LOWER(`customers`.`name`) LIKE {{m_0}} ESCAPE '!'"), c.sql());
        assertEquals("%ann%", c.values().get("m_0"));
    }

    @Test
    void metricFiltersBecomeHavingAndReportParametersOptionalBlocks() {
        List<ParameterDefinition> params = List.of(ParameterDefinition.of("period", ParameterType.DATE_RANGE, false),
                ParameterDefinition.of("regions", ParameterType.LIST, false),
                ParameterDefinition.of("at_least", ParameterType.NUMBER, false),
                ParameterDefinition.of("m_0", ParameterType.TEXT, false));
        ModelQuery q = new ModelQuery(List.of(dim("region", null)), List.of("revenue"), List.of(
                new Filter("ordered_on", Operator.BETWEEN, null, "period"),
                new Filter("region", Operator.IN, null, "regions"),
                new Filter("revenue", Operator.GREATER, List.of(100), null),
                new Filter("orders", Operator.GREATER_OR_EQUAL, null, "at_least")),
                List.of(new Sort("revenue", true), new Sort("region", false)), 10);
        CompiledQuery c = compile(POSTGRESQL, q, params);
        assertTrue(c.sql().contains("WHERE 1 = 1\n[[ AND \"orders\".\"ordered_on\" BETWEEN {{period.start}} AND {{period.end}} ]]\n"
                + "[[ AND \"countries\".\"region\" IN ({{regions}}) ]]\n"), c.sql());
        assertTrue(c.sql().contains("HAVING SUM(\"orders\".\"amount\") > {{m_1}}\n[[ AND COUNT(*) >= {{at_least}} ]]"),
                "a generated name never clashes with a report parameter: " + c.sql());
        assertTrue(c.sql().contains("ORDER BY \"revenue\" DESC, \"region\" ASC"), c.sql());
        assertTrue(c.sql().startsWith("SELECT * FROM (\nSELECT") && c.sql().endsWith("LIMIT 10"), "limitRows: " + c.sql());
        assertEquals(List.of("period", "regions", "at_least", "m_1"),
                c.parameters().stream().map(ParameterDefinition::name).toList(), "m_0 is the report's, unused");
        assertEquals(Map.of("m_1", new BigDecimal(100)), c.values());

        BoundSql none = bind(c, Map.of());
        assertFalse(none.sql().contains("BETWEEN"), "empty parameters drop their blocks");
        assertEquals(1, none.values().size());
        BoundSql all = bind(c, Map.of("period", Map.of("start", "2025-01-01", "end", "2025-01-31"),
                "regions", List.of("EU", "US"), "at_least", 2));
        assertTrue(all.sql().contains("BETWEEN ? AND ?") && all.sql().contains("IN (?, ?)"), all.sql());
        assertEquals(6, all.values().size());

        assertTrue(compile(DERBY, new ModelQuery(List.of(), List.of("orders"), null, null, 5)).sql()
                .endsWith("FETCH FIRST 5 ROWS ONLY"));
    }

    @Test
    void errorsNameTheField() {
        invalid(H2, select(List.of(dim("nope", null)), List.of()), "dimensions[0].name");
        invalid(H2, select(List.of(), List.of("revenue", "nope")), "metrics[1]");
        invalid(H2, select(List.of(), List.of()), "dimensions");
        invalid(H2, select(List.of(dim("region", null), dim("region", null)), List.of()), "dimensions[1].name");
        invalid(H2, select(List.of(), List.of("orders"), new Filter("nope", Operator.EQUALS, List.of(1), null)), "filters[0].field");
        invalid(H2, select(List.of(), List.of("orders"), new Filter("revenue", Operator.EQUALS, List.of("lots"), null)),
                "filters[0].values[0]");
        invalid(H2, select(List.of(), List.of("orders"), new Filter("ordered_on", Operator.LESS, List.of("2025-02-30"), null)),
                "filters[0].values[0]");
        invalid(H2, select(List.of(), List.of("orders"), new Filter("region", Operator.BETWEEN, List.of("a"), null)),
                "filters[0].values");
        invalid(H2, select(List.of(), List.of("orders"), new Filter("revenue", Operator.CONTAINS, List.of("1"), null)),
                "filters[0].operator");
        invalid(H2, select(List.of(), List.of("orders"), new Filter("region", Operator.EQUALS, null, "missing")),
                "filters[0].parameter");
        invalid(H2, select(List.of(), List.of("orders"), new Filter("active", Operator.EQUALS, List.of("' OR 1=1"), null)),
                "filters[0].values[0]");
        invalid(H2, new ModelQuery(List.of(), List.of("orders"), null, List.of(new Sort("revenue", false)), 0), "sort[0].field");
        invalid(H2, new ModelQuery(List.of(), List.of("orders"), null, null, -1), "limit");
    }
}
