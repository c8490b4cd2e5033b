package io.sightline.model.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sightline.api.driver.SchemaInfo;
import io.sightline.api.model.ModelDefinition;
import io.sightline.api.model.ModelDefinition.Aggregation;
import io.sightline.api.model.ModelDefinition.Dimension;
import io.sightline.api.model.ModelDefinition.FieldType;
import io.sightline.api.model.ModelDefinition.Join;
import io.sightline.api.model.ModelDefinition.Metric;
import io.sightline.api.model.ModelDefinition.TableRef;
import io.sightline.api.model.ModelException;
import io.sightline.api.query.ParameterDefinition;

/**
 * Checks a definition: its own structure (names valid and unique, references to declared tables,
 * every table joined to the base table, custom expressions without statement breaks or comments),
 * and, when saved, every table and column against the data source's metadata. The first problem
 * is thrown as {@link ModelException} {@code invalid} naming its field, e.g.
 * {@code definition.dimensions[2].column}. Stateless.
 */
final class ModelValidator {
    static final int MAX_TABLES = 100;
    static final int MAX_FIELDS = 500;
    static final int MAX_LABEL = 200;
    static final int MAX_EXPRESSION = 4000;
    private static final String P = "definition.";
    /** A column reference in a custom expression: {@code ${table.column}}. */
    static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]{0,62})\\.([^}]{1,128})}");

    private ModelValidator() {}

    /** A checked definition, indexed by name. */
    record Model(ModelDefinition definition, Map<String, TableRef> tables, Map<String, Dimension> dimensions,
            Map<String, Metric> metrics, Map<String, List<Edge>> edges) {}

    /** One side of a join as seen from {@code from}'s end. */
    record Edge(Join join, String other, String fromColumn, String otherColumn) {}

    static ModelException invalid(String field, String message) {
        return new ModelException("invalid", message, field);
    }

    /** The structure alone; what compiling a stored model needs. */
    static Model structure(ModelDefinition d) {
        if (d == null) {
            throw invalid("definition", "Describe the model: its tables, joins, dimensions and metrics.");
        }
        if (d.tables().isEmpty()) {
            throw invalid(P + "tables", "Add at least one table.");
        }
        if (d.tables().size() > MAX_TABLES) {
            throw invalid(P + "tables", "At most " + MAX_TABLES + " tables.");
        }
        if (d.dimensions().size() + d.metrics().size() > MAX_FIELDS) {
            throw invalid(P + "dimensions", "At most " + MAX_FIELDS + " dimensions and metrics in all.");
        }
        Map<String, TableRef> tables = new LinkedHashMap<>();
        for (int i = 0; i < d.tables().size(); i++) {
            TableRef t = d.tables().get(i);
            String at = P + "tables[" + i + "]";
            if (t == null) {
                throw invalid(at, "A table needs a name, a schema and a table.");
            }
            name(at + ".name", t.name(), "table");
            if (tables.containsKey(t.name())) {
                throw invalid(at + ".name", "Another table is already named '" + t.name() + "'.");
            }
            required(at + ".schema", t.schema(), "the schema");
            required(at + ".table", t.table(), "the table");
            tables.put(t.name(), t);
        }
        if (d.baseTable() == null || !tables.containsKey(d.baseTable())) {
            throw invalid(P + "baseTable", "Pick the base table, one of the model's tables, that every query starts from.");
        }
        Map<String, List<Edge>> edges = new LinkedHashMap<>();
        tables.keySet().forEach(t -> edges.put(t, new ArrayList<>()));
        for (int i = 0; i < d.joins().size(); i++) {
            Join j = d.joins().get(i);
            String at = P + "joins[" + i + "]";
            if (j == null) {
                throw invalid(at, "A join needs from, fromColumn, to, toColumn and type.");
            }
            tableName(at + ".from", j.from(), tables);
            tableName(at + ".to", j.to(), tables);
            if (j.from().equals(j.to())) {
                throw invalid(at + ".to", "A join connects two different tables.");
            }
            required(at + ".fromColumn", j.fromColumn(), "the column of '" + j.from() + "'");
            required(at + ".toColumn", j.toColumn(), "the column of '" + j.to() + "'");
            if (j.type() == null) {
                throw invalid(at + ".type", "Pick INNER or LEFT.");
            }
            edges.get(j.from()).add(new Edge(j, j.to(), j.fromColumn(), j.toColumn()));
            edges.get(j.to()).add(new Edge(j, j.from(), j.toColumn(), j.fromColumn()));
        }
        Set<String> reachable = reachable(d.baseTable(), edges);
        for (int i = 0; i < d.tables().size(); i++) {
            String name = d.tables().get(i).name();
            if (!reachable.contains(name)) {
                throw invalid(P + "tables[" + i + "].name", "The table '" + name + "' is not joined to the base table '"
                        + d.baseTable() + "': add a join that connects them.");
            }
        }
        Set<String> fieldNames = new HashSet<>();
        Map<String, Dimension> dimensions = new LinkedHashMap<>();
        for (int i = 0; i < d.dimensions().size(); i++) {
            Dimension x = d.dimensions().get(i);
            String at = P + "dimensions[" + i + "]";
            if (x == null) {
                throw invalid(at, "A dimension needs a name, a table, a column and a type.");
            }
            fieldName(at + ".name", x.name(), fieldNames);
            label(at + ".label", x.label());
            tableName(at + ".table", x.table(), tables);
            required(at + ".column", x.column(), "the column");
            if (x.type() == null) {
                throw invalid(at + ".type", "Pick the type: TEXT, NUMBER, DATE, TIMESTAMP or BOOLEAN.");
            }
            boolean temporal = x.type() == FieldType.DATE || x.type() == FieldType.TIMESTAMP;
            for (int g = 0; g < x.timeGrains().size(); g++) {
                if (x.timeGrains().get(g) == null) {
                    throw invalid(at + ".timeGrains[" + g + "]", "Pick DAY, WEEK, MONTH, QUARTER or YEAR.");
                }
                if (!temporal) {
                    throw invalid(at + ".timeGrains", "Only DATE and TIMESTAMP dimensions have time grains.");
                }
            }
            dimensions.put(x.name(), x);
        }
        Map<String, Metric> metrics = new LinkedHashMap<>();
        for (int i = 0; i < d.metrics().size(); i++) {
            Metric m = d.metrics().get(i);
            String at = P + "metrics[" + i + "]";
            if (m == null) {
                throw invalid(at, "A metric needs a name and an aggregation.");
            }
            fieldName(at + ".name", m.name(), fieldNames);
            label(at + ".label", m.label());
            if (m.aggregation() == null) {
                throw invalid(at + ".aggregation", "Pick SUM, COUNT, COUNT_DISTINCT, AVG, MIN, MAX or CUSTOM.");
            }
            if (m.aggregation() == Aggregation.CUSTOM) {
                expression(at + ".expression", m.expression(), tables);
            } else {
                if (m.expression() != null && !m.expression().isBlank()) {
                    throw invalid(at + ".expression", "Only CUSTOM metrics have an expression.");
                }
                boolean countRows = m.aggregation() == Aggregation.COUNT && (m.column() == null || m.column().isBlank());
                if (!countRows || m.table() != null) {
                    tableName(at + ".table", m.table(), tables);
                }
                if (!countRows) {
                    required(at + ".column", m.column(), "the column");
                }
            }
            metrics.put(m.name(), m);
        }
        if (dimensions.isEmpty() && metrics.isEmpty()) {
            throw invalid(P + "dimensions", "Add at least one dimension or metric.");
        }
        return new Model(d, tables, dimensions, metrics, edges);
    }

    /**
     * The definition with what the metadata tells filled in: a dimension without a type gets one
     * from its column's database type.
     */
    static ModelDefinition withTypes(ModelDefinition d, Catalog catalog) {
        if (d == null) {
            return null;
        }
        Map<String, TableRef> tables = new LinkedHashMap<>();
        d.tables().stream().filter(t -> t != null && t.name() != null).forEach(t -> tables.putIfAbsent(t.name(), t));
        List<Dimension> dimensions = new ArrayList<>();
        for (Dimension x : d.dimensions()) {
            if (x != null && x.type() == null && x.table() != null && tables.containsKey(x.table())) {
                TableRef t = tables.get(x.table());
                FieldType type = catalog.table(t.schema(), t.table()).flatMap(table -> table.columns().stream()
                        .filter(c -> c.name().equals(x.column())).findFirst()).map(c -> typeOf(c.type())).orElse(null);
                dimensions.add(new Dimension(x.name(), x.label(), x.table(), x.column(), type, x.timeGrains()));
            } else {
                dimensions.add(x);
            }
        }
        return new ModelDefinition(d.tables(), d.joins(), d.baseTable(), dimensions, d.metrics());
    }

    static FieldType typeOf(String databaseType) {
        String t = databaseType == null ? "" : databaseType.toLowerCase(Locale.ROOT);
        if (t.contains("timestamp") || t.contains("datetime")) {
            return FieldType.TIMESTAMP;
        } else if (t.startsWith("date")) {
            return FieldType.DATE;
        } else if (t.startsWith("bool") || t.equals("bit")) {
            return FieldType.BOOLEAN;
        } else if (t.matches(".*(int|dec|numeric|number|float|double|real|money|serial).*")) {
            return FieldType.NUMBER;
        }
        return FieldType.TEXT;
    }

    /** Every table and column the definition names exists in the metadata. */
    static void againstCatalog(Model model, Catalog catalog) {
        ModelDefinition d = model.definition();
        for (int i = 0; i < d.tables().size(); i++) {
            TableRef t = d.tables().get(i);
            String at = P + "tables[" + i + "]";
            if (!catalog.hasSchema(t.schema())) {
                throw invalid(at + ".schema", "The data source has no schema '" + t.schema() + "'"
                        + hint(Catalog.sameIgnoringCase(catalog.schemaNames(), t.schema())) + ".");
            }
            if (catalog.table(t.schema(), t.table()).isEmpty()) {
                throw invalid(at + ".table", "The schema '" + t.schema() + "' has no table or view '" + t.table() + "'"
                        + hint(Catalog.sameIgnoringCase(catalog.tableNames(t.schema()), t.table())) + ".");
            }
        }
        for (int i = 0; i < d.joins().size(); i++) {
            Join j = d.joins().get(i);
            column(model, catalog, P + "joins[" + i + "].fromColumn", j.from(), j.fromColumn());
            column(model, catalog, P + "joins[" + i + "].toColumn", j.to(), j.toColumn());
        }
        for (int i = 0; i < d.dimensions().size(); i++) {
            Dimension x = d.dimensions().get(i);
            column(model, catalog, P + "dimensions[" + i + "].column", x.table(), x.column());
        }
        for (int i = 0; i < d.metrics().size(); i++) {
            Metric m = d.metrics().get(i);
            if (m.aggregation() == Aggregation.CUSTOM) {
                Matcher r = REFERENCE.matcher(m.expression());
                while (r.find()) {
                    column(model, catalog, P + "metrics[" + i + "].expression", r.group(1), r.group(2));
                }
            } else if (m.column() != null && !m.column().isBlank()) {
                column(model, catalog, P + "metrics[" + i + "].column", m.table(), m.column());
            }
        }
    }

    private static void column(Model model, Catalog catalog, String field, String tableName, String column) {
        TableRef t = model.tables().get(tableName);
        SchemaInfo.Table table = catalog.table(t.schema(), t.table()).orElseThrow();
        List<String> names = table.columns().stream().map(SchemaInfo.Column::name).toList();
        if (!names.contains(column)) {
            throw invalid(field, "The table '" + t.schema() + "." + t.table() + "' has no column '" + column + "'"
                    + hint(Catalog.sameIgnoringCase(names, column)) + ".");
        }
    }

    private static String hint(String other) {
        return other == null ? "" : " (did you mean '" + other + "'?)";
    }

    private static Set<String> reachable(String base, Map<String, List<Edge>> edges) {
        Set<String> seen = new HashSet<>(Set.of(base));
        Deque<String> queue = new ArrayDeque<>(List.of(base));
        while (!queue.isEmpty()) {
            for (Edge e : edges.get(queue.poll())) {
                if (seen.add(e.other())) {
                    queue.add(e.other());
                }
            }
        }
        return seen;
    }

    private static void expression(String field, String expression, Map<String, TableRef> tables) {
        if (expression == null || expression.isBlank()) {
            throw invalid(field, "Write the SQL expression of a CUSTOM metric, e.g. SUM(${orders.total}) / COUNT(*).");
        }
        if (expression.length() > MAX_EXPRESSION) {
            throw invalid(field, "At most " + MAX_EXPRESSION + " characters.");
        }
        for (String refused : List.of(";", "--", "/*", "*/", "{{", "}}", "[[", "]]", "?")) {
            if (expression.contains(refused)) {
                throw invalid(field, "A custom expression cannot contain '" + refused
                        + "': it is one expression, without comments, statements or parameters.");
            }
        }
        if (expression.chars().filter(c -> c == '\'').count() % 2 != 0) {
            throw invalid(field, "A text literal in the expression is not closed.");
        }
        Matcher r = REFERENCE.matcher(expression);
        while (r.find()) {
            if (!tables.containsKey(r.group(1))) {
                throw invalid(field, "The expression names the table '" + r.group(1) + "', which the model does not have.");
            }
        }
    }

    private static void name(String field, String name, String what) {
        if (name == null || !ParameterDefinition.NAME.matcher(name).matches()) {
            throw invalid(field, "A " + what + " name starts with a letter or _ and has up to 63 letters, digits and _.");
        }
    }

    private static void fieldName(String field, String name, Set<String> taken) {
        name(field, name, "field");
        if (!taken.add(name.toLowerCase(Locale.ROOT))) {
            throw invalid(field, "Another dimension or metric is already named '" + name + "'.");
        }
    }

    private static void tableName(String field, String name, Map<String, TableRef> tables) {
        if (name == null || !tables.containsKey(name)) {
            throw invalid(field, name == null || name.isBlank() ? "Pick one of the model's tables."
                    : "The model has no table named '" + name + "'.");
        }
    }

    private static void required(String field, String value, String what) {
        if (value == null || value.isBlank()) {
            throw invalid(field, "Name " + what + ".");
        }
        if (value.length() > 128) {
            throw invalid(field, "At most 128 characters.");
        }
    }

    private static void label(String field, String label) {
        if (label != null && label.length() > MAX_LABEL) {
            throw invalid(field, "At most " + MAX_LABEL + " characters.");
        }
    }
}
