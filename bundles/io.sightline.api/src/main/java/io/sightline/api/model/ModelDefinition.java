package io.sightline.api.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a semantic model names over one data source: tables under short names, the joins
 * between them, the base table every query starts from, and the dimensions and metrics a report
 * picks from. Stored as JSON in exactly these field names. Lists are unmodifiable copies that may
 * hold nulls as sent by a client: the model module validates a definition before it is stored or
 * compiled and names the first offending field ({@code definition.dimensions[2].column}).
 *
 * @param tables the tables the model uses, each under a short name
 * @param joins how the tables connect; no free SQL
 * @param baseTable the name of the table every query starts from
 * @param dimensions what a report may group and filter by
 * @param metrics what a report may compute
 */
public record ModelDefinition(List<TableRef> tables, List<Join> joins, String baseTable, List<Dimension> dimensions,
        List<Metric> metrics) {
    public ModelDefinition {
        tables = copy(tables);
        joins = copy(joins);
        dimensions = copy(dimensions);
        metrics = copy(metrics);
    }

    // List.copyOf refuses null elements; a client's [null] must reach validation, not fail here.
    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /**
     * A table of the data source under a short name.
     *
     * @param name the model's name for it, used by joins, dimensions and metrics
     * @param schema the schema as the data source's metadata names it (MariaDB: the database)
     * @param table the table or view as the metadata names it
     */
    public record TableRef(String name, String schema, String table) {}

    /** How a join keeps rows without a partner: INNER drops them, LEFT keeps the left side's. */
    public enum JoinType { INNER, LEFT }

    /**
     * {@code from.fromColumn = to.toColumn}. Joins are undirected for reachability: the compiler
     * walks from the base table, and a join whose {@code to} is nearer the base table is written
     * the other way round (a LEFT join then keeps the base side).
     */
    public record Join(String from, String fromColumn, String to, String toColumn, JoinType type) {}

    /** The kind of a dimension's values; DATE and TIMESTAMP dimensions may have time grains. */
    public enum FieldType { TEXT, NUMBER, DATE, TIMESTAMP, BOOLEAN }

    /**
     * A column to group and filter by.
     *
     * @param name how reports refer to it ({@link io.sightline.api.query.ParameterDefinition#NAME})
     * @param label what people see; null means the name
     * @param table the model table name
     * @param column the column as the metadata names it
     * @param type the kind of its values
     * @param timeGrains the grains a report may truncate it to (DATE and TIMESTAMP only)
     */
    public record Dimension(String name, String label, String table, String column, FieldType type,
            List<TimeGrain> timeGrains) {
        public Dimension {
            timeGrains = copy(timeGrains);
        }
    }

    /** How a metric aggregates; CUSTOM is an SQL expression written by an Admin. */
    public enum Aggregation { SUM, COUNT, COUNT_DISTINCT, AVG, MIN, MAX, CUSTOM }

    /**
     * A computed value.
     *
     * @param name how reports refer to it
     * @param label what people see; null means the name
     * @param aggregation how it aggregates
     * @param table the model table of {@code column}; for COUNT without a column, rows are counted
     * @param column the aggregated column (not for CUSTOM)
     * @param expression for CUSTOM only: an aggregate SQL expression such as
     *     {@code SUM(quantity * unit_price)}, without {@code ;} or comments
     */
    public record Metric(String name, String label, Aggregation aggregation, String table, String column,
            String expression) {}
}
