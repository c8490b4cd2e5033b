package io.sightline.driver.support;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.sightline.api.driver.SchemaInfo;

/**
 * Reads schemas, tables, views and columns through JDBC metadata in three queries (schemas, tables,
 * all columns), whatever the number of tables, leaving out system schemas (SPEC DS-5).
 *
 * <p>Why here: databases whose JDBC metadata tells the truth (Derby, H2) need no catalog queries of
 * their own; the driver says only which schemas are the system's and which table types to read.
 * Stateless and thread-safe; uses the caller's connection and does not close it.
 */
public final class SchemaReader {
    private SchemaReader() {}

    /**
     * @param system whether a schema is the database's own
     * @param kinds JDBC table type names to read ({@code TABLE_TYPE}), and what each is
     */
    public static List<SchemaInfo> read(Connection connection, Predicate<String> system,
            Map<String, SchemaInfo.Kind> kinds) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        SchemaCollector collector = new SchemaCollector();
        try (ResultSet rs = meta.getSchemas()) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                if (schema != null && !system.test(schema)) {
                    collector.schema(schema);
                }
            }
        }
        try (ResultSet rs = meta.getTables(null, null, "%", kinds.keySet().toArray(String[]::new))) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                SchemaInfo.Kind kind = kinds.get(rs.getString("TABLE_TYPE"));
                if (collector.hasSchema(schema) && kind != null) {
                    collector.table(schema, rs.getString("TABLE_NAME"), kind);
                }
            }
        }
        try (ResultSet rs = meta.getColumns(null, null, "%", "%")) {
            while (rs.next()) {
                collector.column(rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME"), rs.getInt("ORDINAL_POSITION"),
                        new SchemaInfo.Column(rs.getString("COLUMN_NAME"),
                                typeName(rs.getString("TYPE_NAME"), rs.getInt("DATA_TYPE"), rs.getInt("COLUMN_SIZE"),
                                        rs.getInt("DECIMAL_DIGITS")),
                                rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
            }
        }
        return collector.build();
    }

    /** The type name with its length or precision where it matters to people: VARCHAR(40), DECIMAL(10,2). */
    public static String typeName(String name, int jdbcType, int size, int scale) {
        if (name == null || name.contains("(") || size <= 0) {
            return name;
        }
        return switch (jdbcType) {
            case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR, Types.BINARY, Types.VARBINARY -> name
                    + "(" + size + ")";
            case Types.DECIMAL, Types.NUMERIC -> name + "(" + size + "," + scale + ")";
            default -> name;
        };
    }
}
