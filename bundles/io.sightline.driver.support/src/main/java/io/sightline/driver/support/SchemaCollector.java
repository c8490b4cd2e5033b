package io.sightline.driver.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.sightline.api.driver.SchemaInfo;

/**
 * Collects schemas, tables and columns row by row, as catalog queries return them, into the
 * {@link SchemaInfo} list of the SPI (SPEC DS-5): schemas and their tables sorted by name, columns
 * in their order.
 *
 * <p>Why here: every driver reads its catalog differently (pg_catalog, information_schema, JDBC
 * metadata) but builds the same result. Not thread-safe: one instance per call, on one thread.
 */
public final class SchemaCollector {
    private final Map<String, Map<String, TableBuilder>> schemas = new TreeMap<>();

    /** Adds a schema, also one without tables; adding it again changes nothing. */
    public void schema(String name) {
        schemas.computeIfAbsent(name, k -> new TreeMap<>());
    }

    /** Whether the schema was added; false for null. */
    public boolean hasSchema(String name) {
        return name != null && schemas.containsKey(name);
    }

    /** Adds a table or view, and its schema if needed; a table added again keeps its first kind. */
    public void table(String schema, String name, SchemaInfo.Kind kind) {
        schemas.computeIfAbsent(schema, k -> new TreeMap<>()).computeIfAbsent(name, k -> new TableBuilder(name, kind));
    }

    /**
     * Adds a column after the ones added before to a table added before; ignored when the table was
     * not added (a system table, or a kind of table that is not read).
     */
    public void column(String schema, String table, SchemaInfo.Column column) {
        TableBuilder builder = builder(schema, table);
        if (builder != null) {
            builder.columns.put(builder.columns.isEmpty() ? 1 : builder.columns.lastKey() + 1, column);
        }
    }

    /**
     * Adds a column at its ordinal position (1 for the first) to a table added before; ignored when
     * the table was not added. Columns are ordered by position whatever the order they come in.
     */
    public void column(String schema, String table, int position, SchemaInfo.Column column) {
        TableBuilder builder = builder(schema, table);
        if (builder != null) {
            builder.columns.put(position, column);
        }
    }

    private TableBuilder builder(String schema, String table) {
        Map<String, TableBuilder> tables = schema == null ? null : schemas.get(schema);
        return tables == null || table == null ? null : tables.get(table);
    }

    /** The schemas with their tables and columns, as collected so far. */
    public List<SchemaInfo> build() {
        List<SchemaInfo> result = new ArrayList<>();
        schemas.forEach((schema, tables) -> result.add(new SchemaInfo(schema,
                tables.values().stream().map(TableBuilder::build).toList())));
        return result;
    }

    private static final class TableBuilder {
        final String name;
        final SchemaInfo.Kind kind;
        final TreeMap<Integer, SchemaInfo.Column> columns = new TreeMap<>();

        TableBuilder(String name, SchemaInfo.Kind kind) {
            this.name = name;
            this.kind = kind;
        }

        SchemaInfo.Table build() {
            return new SchemaInfo.Table(name, kind, List.copyOf(columns.values()));
        }
    }
}
