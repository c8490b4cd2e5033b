package io.sightline.api.model;

import java.util.List;

/**
 * What a report picks from a semantic model: dimensions to group by, metrics to compute, filters,
 * sort and a row limit. Field names are the model's dimension and metric names, never SQL.
 *
 * @param dimensions grouped-by dimensions, in output column order (before the metrics)
 * @param metrics metric names, in output column order
 * @param filters conditions, all of which must hold
 * @param sort output order; empty means the database's order
 * @param limit at most this many rows; 0 means no limit of its own (the run's row limit applies)
 */
public record ModelQuery(List<Dimension> dimensions, List<String> metrics, List<Filter> filters, List<Sort> sort,
        int limit) {
    public ModelQuery {
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        filters = filters == null ? List.of() : List.copyOf(filters);
        sort = sort == null ? List.of() : List.copyOf(sort);
    }

    /** A dimension, with a grain when it is a time dimension (null: the dimension's own value). */
    public record Dimension(String name, TimeGrain grain) {}

    /**
     * A condition on a dimension or metric (a metric filter becomes HAVING).
     *
     * @param field dimension or metric name
     * @param operator how to compare
     * @param values fixed values (none for the null checks, two for BETWEEN, one or more for IN);
     *     always bound as JDBC parameters
     * @param parameter instead of fixed values, the name of a report parameter that supplies the
     *     value; the condition is dropped when that parameter is empty. Null when values are fixed.
     */
    public record Filter(String field, Operator operator, List<Object> values, String parameter) {
        public Filter {
            values = values == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
        }
    }

    public enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, GREATER, GREATER_OR_EQUAL, LESS, LESS_OR_EQUAL, BETWEEN, CONTAINS, IS_NULL, IS_NOT_NULL }

    /** An output order on a selected dimension or metric. */
    public record Sort(String field, boolean descending) {}
}
