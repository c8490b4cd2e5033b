package io.sightline.model.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;

import io.sightline.api.driver.DatabaseDriver;
import io.sightline.api.model.CompiledQuery;
import io.sightline.api.model.ModelDefinition.Dimension;
import io.sightline.api.model.ModelDefinition.FieldType;
import io.sightline.api.model.ModelDefinition.JoinType;
import io.sightline.api.model.ModelDefinition.Metric;
import io.sightline.api.model.ModelDefinition.TableRef;
import io.sightline.api.model.ModelException;
import io.sightline.api.model.ModelQuery;
import io.sightline.api.model.ModelQuery.Filter;
import io.sightline.api.model.ModelQuery.Operator;
import io.sightline.api.query.ParameterDefinition;
import io.sightline.api.query.ParameterType;
import io.sightline.model.internal.ModelValidator.Edge;
import io.sightline.model.internal.ModelValidator.Model;

/**
 * Compiles a selection over a checked model to SQL for the query service's template engine:
 * every identifier quoted by the driver, fixed filter values as generated {@code {{m_0}}}
 * parameters (never in the text), filters on report parameters as {@code [[ AND … ]]} blocks that
 * drop out when the parameter is empty, only the joins the selection needs, and the row limit by
 * the driver. One instance per compilation; not thread-safe.
 */
final class ModelCompiler {
    static final int MAX_LIMIT = 1_000_000;
    static final int MAX_VALUES = 1_000;
    private static final String ESCAPE = "!";

    private final Model model;
    private final DatabaseDriver driver;
    private final Dialect dialect;
    private final Map<String, ParameterDefinition> reportParameters = new LinkedHashMap<>();
    private final Map<String, ParameterDefinition> usedReportParameters = new LinkedHashMap<>();
    private final List<ParameterDefinition> generated = new ArrayList<>();
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Set<String> usedTables = new LinkedHashSet<>();
    private int next;

    ModelCompiler(Model model, DatabaseDriver driver, List<ParameterDefinition> reportParameters) {
        this.model = model;
        this.driver = driver;
        this.dialect = new Dialect(driver.id());
        for (ParameterDefinition p : reportParameters == null ? List.<ParameterDefinition>of() : reportParameters) {
            if (p != null) {
                this.reportParameters.put(p.name(), p);
            }
        }
    }

    CompiledQuery compile(String dataSourceId, ModelQuery q) {
        if (q == null) {
            throw new ModelException("invalid", "Pick at least one dimension or metric.", null);
        }
        if (q.dimensions().isEmpty() && q.metrics().isEmpty()) {
            throw new ModelException("invalid", "Pick at least one dimension or metric.", "dimensions");
        }
        usedTables.add(model.definition().baseTable());
        List<String> select = new ArrayList<>();
        List<String> groupBy = new ArrayList<>();
        Map<String, String> outputs = new HashMap<>(); // selected field name -> its quoted alias
        for (int i = 0; i < q.dimensions().size(); i++) {
            ModelQuery.Dimension picked = q.dimensions().get(i);
            String at = "dimensions[" + i + "]";
            if (picked == null) {
                throw invalid(at, "Pick a dimension.");
            }
            Dimension d = dimension(at + ".name", picked.name());
            String expression = column(d.table(), d.column());
            if (picked.grain() != null) {
                if (!d.timeGrains().contains(picked.grain())) {
                    throw invalid(at + ".grain", "The dimension '" + d.name() + "' offers "
                            + (d.timeGrains().isEmpty() ? "no time grains" : "the grains " + d.timeGrains()) + ".");
                }
                expression = dialect.truncate(picked.grain(), expression);
            }
            if (outputs.containsKey(d.name())) {
                throw invalid(at + ".name", "The dimension '" + d.name() + "' is picked twice.");
            }
            String alias = driver.quoteIdentifier(d.name());
            outputs.put(d.name(), alias);
            select.add(expression + " AS " + alias);
            groupBy.add(expression);
        }
        for (int i = 0; i < q.metrics().size(); i++) {
            String at = "metrics[" + i + "]";
            Metric m = metric(at, q.metrics().get(i));
            if (outputs.containsKey(m.name())) {
                throw invalid(at, "The metric '" + m.name() + "' is picked twice.");
            }
            String alias = driver.quoteIdentifier(m.name());
            outputs.put(m.name(), alias);
            select.add(aggregate(m) + " AS " + alias);
        }

        List<String> where = new ArrayList<>();
        List<String> optionalWhere = new ArrayList<>();
        List<String> having = new ArrayList<>();
        List<String> optionalHaving = new ArrayList<>();
        for (int i = 0; i < q.filters().size(); i++) {
            Filter f = q.filters().get(i);
            String at = "filters[" + i + "]";
            if (f == null || f.field() == null) {
                throw invalid(at + ".field", "Pick the dimension or metric to filter on.");
            }
            if (f.operator() == null) {
                throw invalid(at + ".operator", "Pick how to compare.");
            }
            Dimension d = model.dimensions().get(f.field());
            Metric m = model.metrics().get(f.field());
            if (d == null && m == null) {
                throw invalid(at + ".field", "The model has no dimension or metric named '" + f.field() + "'.");
            }
            String expression;
            FieldType type;
            if (d != null) {
                expression = column(d.table(), d.column());
                type = d.type();
                if (type == FieldType.TIMESTAMP) {
                    expression = dialect.date(expression); // filter values are dates
                }
            } else {
                expression = aggregate(m);
                type = FieldType.NUMBER;
            }
            boolean optional = f.parameter() != null;
            String condition = optional ? parameterCondition(at, expression, type, f)
                    : fixedCondition(at, expression, type, f);
            (d != null ? optional ? optionalWhere : where : optional ? optionalHaving : having).add(condition);
        }

        List<String> orderBy = new ArrayList<>();
        for (int i = 0; i < q.sort().size(); i++) {
            ModelQuery.Sort s = q.sort().get(i);
            String at = "sort[" + i + "]";
            if (s == null || s.field() == null || !outputs.containsKey(s.field())) {
                throw invalid(at + ".field", "Sort by a picked dimension or metric"
                        + (s == null || s.field() == null ? "." : "; '" + s.field() + "' is not picked."));
            }
            orderBy.add(outputs.get(s.field()) + (s.descending() ? " DESC" : " ASC"));
        }
        if (q.limit() < 0 || q.limit() > MAX_LIMIT) {
            throw invalid("limit", "From 0 (no limit of its own) to " + String.format(Locale.ROOT, "%,d", MAX_LIMIT) + ".");
        }

        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", select));
        sql.append("\nFROM ").append(from());
        clause(sql, "WHERE", where, optionalWhere);
        if (!groupBy.isEmpty()) {
            sql.append("\nGROUP BY ").append(String.join(", ", groupBy));
        }
        clause(sql, "HAVING", having, optionalHaving);
        if (!orderBy.isEmpty()) {
            sql.append("\nORDER BY ").append(String.join(", ", orderBy));
        }
        String text = q.limit() > 0 ? driver.limitRows(sql.toString(), q.limit()) : sql.toString();
        List<ParameterDefinition> parameters = new ArrayList<>(usedReportParameters.values());
        parameters.addAll(generated);
        return new CompiledQuery(dataSourceId, text, parameters, values);
    }

    private static void clause(StringBuilder sql, String keyword, List<String> fixed, List<String> optional) {
        if (fixed.isEmpty() && optional.isEmpty()) {
            return;
        }
        sql.append('\n').append(keyword).append(' ').append(fixed.isEmpty() ? "1 = 1" : String.join(" AND ", fixed));
        for (String condition : optional) {
            sql.append("\n[[ AND ").append(condition).append(" ]]");
        }
    }

    private Dimension dimension(String field, String name) {
        Dimension d = name == null ? null : model.dimensions().get(name);
        if (d == null) {
            throw invalid(field, name == null ? "Pick a dimension." : "The model has no dimension named '" + name + "'.");
        }
        return d;
    }

    private Metric metric(String field, String name) {
        Metric m = name == null ? null : model.metrics().get(name);
        if (m == null) {
            throw invalid(field, name == null ? "Pick a metric." : "The model has no metric named '" + name + "'.");
        }
        return m;
    }

    /** {@code "table"."column"}, and the table joins the query. */
    private String column(String table, String column) {
        usedTables.add(table);
        return driver.quoteIdentifier(table) + "." + driver.quoteIdentifier(column);
    }

    private String aggregate(Metric m) {
        boolean rows = m.column() == null || m.column().isBlank();
        return switch (m.aggregation()) {
            case SUM -> "SUM(" + column(m.table(), m.column()) + ")";
            case COUNT -> rows ? "COUNT(*)" : "COUNT(" + column(m.table(), m.column()) + ")";
            case COUNT_DISTINCT -> "COUNT(DISTINCT " + column(m.table(), m.column()) + ")";
            case AVG -> dialect.average(column(m.table(), m.column()));
            case MIN -> "MIN(" + column(m.table(), m.column()) + ")";
            case MAX -> "MAX(" + column(m.table(), m.column()) + ")";
            case CUSTOM -> custom(m.expression());
        };
    }

    private String custom(String expression) {
        Matcher r = ModelValidator.REFERENCE.matcher(expression);
        StringBuilder out = new StringBuilder("(");
        while (r.find()) {
            r.appendReplacement(out, Matcher.quoteReplacement(column(r.group(1), r.group(2))));
        }
        r.appendTail(out);
        return out.append(')').toString();
    }

    /** The base table and, in breadth-first order from it, the tables the query uses and those between. */
    private String from() {
        String base = model.definition().baseTable();
        Map<String, Edge> via = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>(Set.of(base));
        Deque<String> queue = new ArrayDeque<>(List.of(base));
        List<String> order = new ArrayList<>();
        while (!queue.isEmpty()) {
            String table = queue.poll();
            order.add(table);
            for (Edge e : model.edges().get(table)) {
                if (seen.add(e.other())) {
                    via.put(e.other(), e);
                    queue.add(e.other());
                }
            }
        }
        Set<String> needed = new HashSet<>();
        for (String table : usedTables) {
            for (String t = table; t != null && needed.add(t); ) {
                Edge e = via.get(t);
                t = e == null ? null : otherEnd(e, t);
            }
        }
        StringBuilder from = new StringBuilder(table(base));
        for (String table : order) {
            if (table.equals(base) || !needed.contains(table)) {
                continue;
            }
            Edge e = via.get(table); // e.other() is this table; the parent is the join's other end
            String parent = otherEnd(e, table);
            from.append("\n").append(e.join().type() == JoinType.LEFT ? "LEFT JOIN " : "INNER JOIN ")
                    .append(table(table)).append(" ON ")
                    .append(driver.quoteIdentifier(parent)).append('.').append(driver.quoteIdentifier(e.fromColumn()))
                    .append(" = ")
                    .append(driver.quoteIdentifier(table)).append('.').append(driver.quoteIdentifier(e.otherColumn()));
        }
        return from.toString();
    }

    private static String otherEnd(Edge e, String table) {
        return e.join().from().equals(table) ? e.join().to() : e.join().from();
    }

    private String table(String name) {
        TableRef t = model.tables().get(name);
        return driver.quoteIdentifier(t.schema()) + "." + driver.quoteIdentifier(t.table()) + " "
                + driver.quoteIdentifier(name);
    }

    private String fixedCondition(String at, String expression, FieldType type, Filter f) {
        if (type == FieldType.BOOLEAN) {
            return booleanCondition(at, expression, f);
        }
        Function<Integer, String> value = i -> bind(at + ".values[" + i + "]", type, f.values().get(i));
        return switch (f.operator()) {
            case IS_NULL, IS_NOT_NULL -> {
                count(at, f, 0, 0);
                yield expression + (f.operator() == Operator.IS_NULL ? " IS NULL" : " IS NOT NULL");
            }
            case EQUALS, NOT_EQUALS, GREATER, GREATER_OR_EQUAL, LESS, LESS_OR_EQUAL -> {
                count(at, f, 1, 1);
                yield expression + " " + comparison(f.operator()) + " " + value.apply(0);
            }
            case BETWEEN -> {
                count(at, f, 2, 2);
                yield expression + " BETWEEN " + value.apply(0) + " AND " + value.apply(1);
            }
            case IN, NOT_IN -> {
                count(at, f, 1, MAX_VALUES);
                List<String> placeholders = new ArrayList<>();
                for (int i = 0; i < f.values().size(); i++) {
                    placeholders.add(value.apply(i));
                }
                yield expression + (f.operator() == Operator.IN ? " IN (" : " NOT IN (") + String.join(", ", placeholders)
                        + ")";
            }
            case CONTAINS -> {
                count(at, f, 1, 1);
                if (type != FieldType.TEXT || !(f.values().get(0) instanceof String text)) {
                    throw invalid(at + ".operator", "CONTAINS compares text; '" + f.field() + "' is not text.");
                }
                String pattern = "%" + text.toLowerCase(Locale.ROOT).replace(ESCAPE, ESCAPE + ESCAPE)
                        .replace("%", ESCAPE + "%").replace("_", ESCAPE + "_") + "%";
                yield "LOWER(" + expression + ") LIKE " + generate(ParameterType.TEXT, pattern) + " ESCAPE '" + ESCAPE + "'";
            }
        };
    }

    private String booleanCondition(String at, String expression, Filter f) {
        switch (f.operator()) {
            case IS_NULL, IS_NOT_NULL -> {
                count(at, f, 0, 0);
                return expression + (f.operator() == Operator.IS_NULL ? " IS NULL" : " IS NOT NULL");
            }
            case EQUALS, NOT_EQUALS -> {
                count(at, f, 1, 1);
                Object v = f.values().get(0);
                Boolean b = v instanceof Boolean x ? x : "true".equals(v) ? Boolean.TRUE : "false".equals(v) ? Boolean.FALSE : null;
                if (b == null) {
                    throw invalid(at + ".values[0]", "A true/false dimension compares with true or false.");
                }
                // A keyword, never the value as sent.
                return expression + " " + comparison(f.operator()) + " " + (b ? "TRUE" : "FALSE");
            }
            default -> throw invalid(at + ".operator", "A true/false dimension compares with EQUALS, NOT_EQUALS or the null checks.");
        }
    }

    private String parameterCondition(String at, String expression, FieldType type, Filter f) {
        ParameterDefinition p = reportParameters.get(f.parameter());
        if (p == null) {
            throw invalid(at + ".parameter", "The report has no parameter named '" + f.parameter() + "'.");
        }
        if (!f.values().isEmpty()) {
            throw invalid(at + ".values", "A filter takes its value from the parameter or from values, not both.");
        }
        usedReportParameters.put(p.name(), p);
        String ref = "{{" + p.name() + "}}";
        return switch (p.type()) {
            case DATE_RANGE -> {
                if (f.operator() != Operator.BETWEEN || (type != FieldType.DATE && type != FieldType.TIMESTAMP)) {
                    throw invalid(at + ".operator", "A date range parameter filters a date dimension with BETWEEN.");
                }
                yield expression + " BETWEEN {{" + p.name() + ".start}} AND {{" + p.name() + ".end}}";
            }
            case LIST -> {
                if (f.operator() != Operator.IN && f.operator() != Operator.NOT_IN) {
                    throw invalid(at + ".operator", "A list parameter filters with IN or NOT_IN.");
                }
                yield expression + (f.operator() == Operator.IN ? " IN (" : " NOT IN (") + ref + ")";
            }
            default -> switch (f.operator()) {
                case EQUALS, NOT_EQUALS, GREATER, GREATER_OR_EQUAL, LESS, LESS_OR_EQUAL ->
                        expression + " " + comparison(f.operator()) + " " + ref;
                default -> throw invalid(at + ".operator", "A parameter of type " + p.type()
                        + " filters with EQUALS, NOT_EQUALS, GREATER, GREATER_OR_EQUAL, LESS or LESS_OR_EQUAL.");
            };
        };
    }

    private static void count(String at, Filter f, int min, int max) {
        int n = f.values().size();
        if (n < min || n > max) {
            String wanted = min == max ? (min == 0 ? "no values" : min == 1 ? "one value" : min + " values")
                    : "from " + min + " to " + max + " values";
            throw invalid(at + ".values", f.operator() + " takes " + wanted + ", not " + n + ".");
        }
        for (int i = 0; i < n; i++) {
            if (f.values().get(i) == null) {
                throw invalid(at + ".values[" + i + "]", "A value cannot be empty; use IS_NULL to find empty fields.");
            }
        }
    }

    private static String comparison(Operator operator) {
        return switch (operator) {
            case EQUALS -> "=";
            case NOT_EQUALS -> "<>";
            case GREATER -> ">";
            case GREATER_OR_EQUAL -> ">=";
            case LESS -> "<";
            case LESS_OR_EQUAL -> "<=";
            default -> throw new IllegalArgumentException(operator.name());
        };
    }

    /** A fixed value as a generated parameter of the field's type. */
    private String bind(String field, FieldType type, Object raw) {
        return switch (type) {
            case NUMBER -> generate(ParameterType.NUMBER, number(field, raw));
            case DATE, TIMESTAMP -> generate(ParameterType.DATE, date(field, raw));
            default -> {
                if (!(raw instanceof String) && !(raw instanceof Number)) {
                    throw invalid(field, "Expected text.");
                }
                String text = raw instanceof BigDecimal d ? d.toPlainString() : raw.toString();
                if (text.length() > 10_000) {
                    throw invalid(field, "At most 10,000 characters.");
                }
                yield generate(ParameterType.TEXT, text);
            }
        };
    }

    private static BigDecimal number(String field, Object raw) {
        try {
            if (raw instanceof BigDecimal d) {
                return d;
            } else if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
                return BigDecimal.valueOf(((Number) raw).longValue());
            } else if (raw instanceof Number n && Double.isFinite(n.doubleValue())) {
                return new BigDecimal(n.toString());
            } else if (raw instanceof String s && s.length() <= 100) {
                return new BigDecimal(s.strip());
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid(field, "Expected a number.");
    }

    private static LocalDate date(String field, Object raw) {
        if (raw instanceof LocalDate d) {
            return d;
        }
        try {
            if (raw instanceof String s && s.length() <= 40) {
                return LocalDate.parse(s.strip());
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw invalid(field, "Expected a date such as 2026-01-31.");
    }

    private String generate(ParameterType type, Object value) {
        String name;
        do {
            name = "m_" + next++;
        } while (reportParameters.containsKey(name));
        generated.add(new ParameterDefinition(name, type, true, null, null));
        values.put(name, value);
        return "{{" + name + "}}";
    }

    private static ModelException invalid(String field, String message) {
        return ModelValidator.invalid(field, message);
    }
}
