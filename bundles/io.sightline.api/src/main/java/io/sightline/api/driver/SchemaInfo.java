package io.sightline.api.driver;

import java.util.List;

/**
 * One schema of a data source with its tables and views (DS-5).
 *
 * @param name schema name (for MariaDB/MySQL: the database)
 * @param tables tables and views, sorted by name
 */
public record SchemaInfo(String name, List<Table> tables) {

    public SchemaInfo {
        tables = List.copyOf(tables);
    }

    /** A table or view with its columns in their order. */
    public record Table(String name, Kind kind, List<Column> columns) {
        public Table {
            columns = List.copyOf(columns);
        }
    }

    public enum Kind { TABLE, VIEW }

    /** A column with the database's own type name. */
    public record Column(String name, String type, boolean nullable) {}
}
