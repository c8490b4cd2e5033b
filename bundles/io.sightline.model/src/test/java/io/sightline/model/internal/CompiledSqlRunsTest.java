package io.sightline.model.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.sightline.api.driver.DatabaseDriver;
import io.sightline.api.model.CompiledQuery;
import io.sightline.api.model.ModelQuery;
import io.sightline.api.model.ModelQuery.Filter;
import io.sightline.api.model.ModelQuery.Operator;
import io.sightline.api.model.ModelQuery.Sort;
import io.sightline.api.model.TimeGrain;
import io.sightline.api.query.BoundSql;
import io.sightline.api.query.BoundValue;
import io.sightline.api.query.ParameterDefinition;
import io.sightline.api.query.ParameterType;
import io.sightline.query.internal.sql.SqlTemplate;

/**
 * Compiled selections run for real, through the query module's template engine and JDBC binding,
 * on PostgreSQL and MariaDB (local servers: a server that is down fails the test), H2 and Derby
 * (in memory): every time grain on a DATE and a TIMESTAMP column, joins, bound filters, HAVING,
 * report parameters, sort and limit, with the numbers checked.
 */
class CompiledSqlRunsTest {
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);

    // Six orders; weeks start on Monday (2024-12-30 and 2025-01-05 are in the same week).
    private static final Object[][] ORDERS = {
        {1, 1, "2024-12-30", "2024-12-30T10:00:00", "10.00", 1},
        {2, 1, "2025-01-01", "2025-01-01T23:30:00", "20.00", 2},
        {3, 2, "2025-01-05", "2025-01-05T00:10:00", "5.00", 1},
        {4, 2, "2025-02-15", "2025-02-15T12:00:00", "7.50", 2},
        {5, 3, "2025-04-01", "2025-04-01T08:00:00", "1.00", 1},
        {6, 2, "2025-07-04", "2025-07-04T18:45:00", "3.00", 4},
    };

    private static final Map<TimeGrain, Map<String, String>> REVENUE_BY_GRAIN = Map.of(
            TimeGrain.DAY, Map.of("2024-12-30", "10", "2025-01-01", "20", "2025-01-05", "5", "2025-02-15", "7.5",
                    "2025-04-01", "1", "2025-07-04", "3"),
            TimeGrain.WEEK, Map.of("2024-12-30", "35", "2025-02-10", "7.5", "2025-03-31", "1", "2025-06-30", "3"),
            TimeGrain.MONTH, Map.of("2024-12-01", "10", "2025-01-01", "25", "2025-02-01", "7.5", "2025-04-01", "1",
                    "2025-07-01", "3"),
            TimeGrain.QUARTER, Map.of("2024-10-01", "10", "2025-01-01", "32.5", "2025-04-01", "1", "2025-07-01", "3"),
            TimeGrain.YEAR, Map.of("2024-01-01", "10", "2025-01-01", "36.5"));

    @Test
    void postgresql() throws Exception {
        String schema = "sl_m_" + SUFFIX;
        try (Connection c = connect("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "PostgreSQL")) {
            exec(c, "CREATE SCHEMA " + schema);
            try {
                run(c, Fixtures.POSTGRESQL, schema, UnaryOperator.identity(), "BOOLEAN");
            } finally {
                exec(c, "DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void mariadb() throws Exception {
        String database = "sl_m_" + SUFFIX;
        try (Connection c = connect("jdbc:mariadb://127.0.0.1:3306/test", "root", "MariaDB")) {
            exec(c, "CREATE DATABASE " + database);
            try {
                run(c, Fixtures.MARIADB, database, UnaryOperator.identity(), "BOOLEAN");
            } finally {
                exec(c, "DROP DATABASE " + database);
            }
        }
    }

    @Test
    void h2() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:m" + SUFFIX, "sa", "")) {
            run(c, Fixtures.H2, "PUBLIC", n -> n.toUpperCase(Locale.ROOT), "BOOLEAN");
        }
    }

    @Test
    void derby() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:derby:memory:m" + SUFFIX + ";create=true")) {
            run(c, Fixtures.DERBY, "APP", n -> n.toUpperCase(Locale.ROOT), "BOOLEAN");
        }
    }

    private static Connection connect(String url, String user, String product) {
        try {
            return DriverManager.getConnection(url, user, "");
        } catch (SQLException e) {
            throw new AssertionError(product + " must run at " + url + " (./sightline.sh test starts it): " + e.getMessage(), e);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void run(Connection c, DatabaseDriver driver, String schema, UnaryOperator<String> name, String bool)
            throws Exception {
        String q = schema + ".";
        exec(c, "CREATE TABLE " + q + "countries (name VARCHAR(20) PRIMARY KEY, region VARCHAR(10))");
        exec(c, "CREATE TABLE " + q + "customers (id INT PRIMARY KEY, name VARCHAR(20), country VARCHAR(20), active " + bool + ")");
        exec(c, "CREATE TABLE " + q + "products (id INT PRIMARY KEY, category VARCHAR(20))");
        exec(c, "CREATE TABLE " + q + "orders (id INT PRIMARY KEY, customer_id INT, product_id INT, ordered_on DATE, "
                + "ordered_at TIMESTAMP, amount DECIMAL(10,2), quantity INT)");
        exec(c, "INSERT INTO " + q + "countries VALUES ('France', 'EU'), ('Peru', 'LATAM'), ('Canada', 'NA')");
        exec(c, "INSERT INTO " + q + "customers VALUES (1, 'Ann', 'France', TRUE), (2, 'Bob''s', 'Peru', FALSE), "
                + "(3, 'Cy', 'Canada', TRUE)");
        exec(c, "INSERT INTO " + q + "products VALUES (1, 'Books')");
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + q + "orders VALUES (?, ?, 1, ?, ?, ?, ?)")) {
            for (Object[] o : ORDERS) {
                p.setInt(1, (Integer) o[0]);
                p.setInt(2, (Integer) o[1]);
                p.setDate(3, java.sql.Date.valueOf((String) o[2]));
                p.setTimestamp(4, Timestamp.valueOf(LocalDateTime.parse((String) o[3])));
                p.setBigDecimal(5, new BigDecimal((String) o[4]));
                p.setInt(6, (Integer) o[5]);
                p.executeUpdate();
            }
        }
        ModelValidator.Model model = ModelValidator.structure(Fixtures.sales(schema, name));

        for (TimeGrain grain : TimeGrain.values()) {
            for (String dimension : List.of("ordered_on", "ordered_at")) {
                CompiledQuery compiled = new ModelCompiler(model, driver, List.of()).compile("ds", new ModelQuery(
                        List.of(new ModelQuery.Dimension(dimension, grain)), List.of("revenue"), null,
                        List.of(new Sort(dimension, false)), 0));
                List<List<Object>> rows = rows(c, compiled, Map.of());
                Map<String, String> actual = new LinkedHashMap<>();
                for (List<Object> row : rows) {
                    actual.put(date(row.get(0)), number(row.get(1)));
                }
                assertEquals(REVENUE_BY_GRAIN.get(grain), actual, driver.id() + " " + dimension + " by " + grain + ":\n"
                        + compiled.sql());
                List<String> order = new ArrayList<>(actual.keySet());
                assertEquals(order.stream().sorted().toList(), order, "sorted ascending");
            }
        }

        // Region through two joins, every aggregation, a metric filter as HAVING, sort and limit.
        CompiledQuery byRegion = new ModelCompiler(model, driver, List.of()).compile("ds", new ModelQuery(
                List.of(new ModelQuery.Dimension("region", null)),
                List.of("revenue", "orders", "buyers", "avg_quantity", "smallest", "largest", "per_unit"),
                List.of(new Filter("revenue", Operator.GREATER, List.of(2), null)),
                List.of(new Sort("revenue", true)), 2));
        List<List<Object>> regions = rows(c, byRegion, Map.of());
        assertEquals(List.of(List.of("EU", "30", "2", "1", "1.5", "10", "20", "10"),
                List.of("LATAM", "15.5", "3", "1", "2.333", "3", "7.5", "2.214")), regions.stream()
                .map(r -> r.stream().map(v -> v instanceof String s ? s : number(v)).toList()).toList(),
                driver.id() + ":\n" + byRegion.sql());

        // Fixed values are bound: an injection attempt matches nothing, a quote matches itself.
        for (Object[] probe : new Object[][] {{"' OR 1=1 --", 0}, {"Bob's", 3}, {"b'S", 3}}) {
            Operator op = probe[0].equals("b'S") ? Operator.CONTAINS : Operator.EQUALS;
            CompiledQuery who = new ModelCompiler(model, driver, List.of()).compile("ds", new ModelQuery(List.of(),
                    List.of("orders"), List.of(new Filter("customer", op, List.of(probe[0]), null)), null, 0));
            assertEquals(probe[1], ((Number) rows(c, who, Map.of()).get(0).get(0)).intValue(), driver.id() + " " + probe[0]);
        }

        // Report parameters: a date range, a list and a boolean dimension; empty parameters drop their block.
        List<ParameterDefinition> parameters = List.of(ParameterDefinition.of("period", ParameterType.DATE_RANGE, false),
                ParameterDefinition.of("regions", ParameterType.LIST, false));
        CompiledQuery filtered = new ModelCompiler(model, driver, parameters).compile("ds", new ModelQuery(List.of(),
                List.of("revenue"), List.of(new Filter("ordered_at", Operator.BETWEEN, null, "period"),
                        new Filter("region", Operator.IN, null, "regions"),
                        new Filter("active", Operator.EQUALS, List.of(true), null)), null, 0));
        assertEquals("31", number(rows(c, filtered, Map.of()).get(0).get(0)), "Ann and Cy, all time");
        assertEquals("30", number(rows(c, filtered, Map.of("regions", List.of("EU", "LATAM"))).get(0).get(0)));
        assertEquals("20", number(rows(c, filtered, Map.of("regions", List.of("EU"),
                "period", Map.of("start", "2025-01-01", "end", "2025-01-01"))).get(0).get(0)),
                "the last day of a range includes its evening");
    }

    /** Binds as the query module does (QueryEngine): dates as java.sql.Date, numbers as BigDecimal. */
    private static List<List<Object>> rows(Connection c, CompiledQuery compiled, Map<String, Object> reportValues)
            throws SQLException {
        Map<String, ParameterDefinition> definitions = compiled.parameters().stream()
                .collect(Collectors.toMap(ParameterDefinition::name, Function.identity()));
        Map<String, Object> values = new HashMap<>(compiled.values());
        values.putAll(reportValues);
        BoundSql bound = SqlTemplate.parse(compiled.sql()).bind(definitions, values);
        try (PreparedStatement p = c.prepareStatement(bound.sql())) {
            for (BoundValue v : bound.values()) {
                if (v.value() instanceof LocalDate d) {
                    p.setDate(v.index(), java.sql.Date.valueOf(d));
                } else if (v.value() instanceof BigDecimal n) {
                    p.setBigDecimal(v.index(), n);
                } else {
                    p.setString(v.index(), (String) v.value());
                }
            }
            try (ResultSet rs = p.executeQuery()) {
                List<List<Object>> rows = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    private static String date(Object value) {
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        } else if (value instanceof LocalDate d) {
            return d.toString();
        } else if (value instanceof Timestamp t) {
            return t.toLocalDateTime().toLocalDate().toString();
        }
        throw new AssertionError("not a date: " + value + " (" + (value == null ? null : value.getClass()) + ")");
    }

    /** A number without trailing zeros, at most three decimals. */
    private static String number(Object value) {
        BigDecimal n = new BigDecimal(value.toString()).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
        return n.scale() < 0 ? n.setScale(0).toPlainString() : n.toPlainString();
    }
}
