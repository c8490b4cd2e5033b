package io.sightline.driver.postgresql.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.sightline.api.driver.SchemaInfo;
import io.sightline.api.driver.ServerInfo;
import io.sightline.api.driver.WriteAccess;
import io.sightline.driver.support.SchemaCollector;

/** The catalog queries of the PostgreSQL dialect (DS-5, DS-6). */
final class PostgresqlMetadata {
    private PostgresqlMetadata() {}

    /** Schemas that belong to the server, not to the users: catalogs, TOAST and temporary schemas. */
    static final String NOT_SYSTEM_SCHEMA = "n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

    static ServerInfo serverInfo(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT current_setting('server_version'),"
                        + " current_setting('TimeZone'), current_setting('max_connections')::int")) {
            rs.next();
            return new ServerInfo("PostgreSQL", rs.getString(1), rs.getString(2), rs.getInt(3));
        }
    }

    /**
     * One query over pg_catalog: the schemas the user may use, their tables (ordinary, partitioned,
     * foreign), views and materialized views on which the user holds any privilege, and their
     * columns. Partitions are left out: their parent stands for them.
     */
    static final String SCHEMA_QUERY = "SELECT n.nspname, c.relname, c.relkind, a.attname,"
            + " pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull"
            + " FROM pg_catalog.pg_namespace n"
            + " LEFT JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid"
            + "   AND c.relkind IN ('r', 'p', 'f', 'v', 'm') AND NOT c.relispartition"
            + "   AND (pg_catalog.has_table_privilege(c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')"
            + "     OR pg_catalog.has_any_column_privilege(c.oid, 'SELECT, INSERT, UPDATE, REFERENCES'))"
            + " LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
            + " WHERE " + NOT_SYSTEM_SCHEMA + " AND pg_catalog.has_schema_privilege(n.oid, 'USAGE')"
            + " ORDER BY n.nspname, c.relname, a.attnum";

    static List<SchemaInfo> schema(Connection connection) throws SQLException {
        SchemaCollector collector = new SchemaCollector();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(SCHEMA_QUERY)) {
            while (rs.next()) {
                String schema = rs.getString(1);
                String table = rs.getString(2);
                if (table == null) {
                    collector.schema(schema);
                    continue;
                }
                String kind = rs.getString(3);
                collector.table(schema, table,
                        "v".equals(kind) || "m".equals(kind) ? SchemaInfo.Kind.VIEW : SchemaInfo.Kind.TABLE);
                String column = rs.getString(4);
                if (column != null) {
                    collector.column(schema, table, new SchemaInfo.Column(column, rs.getString(5), !rs.getBoolean(6)));
                }
            }
        }
        return collector.build();
    }

    /** Superuser, the database's CREATE privilege, and the schemas the user may create objects in. */
    static final String ROLE_QUERY = "SELECT (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = current_user),"
            + " pg_catalog.has_database_privilege(current_database(), 'CREATE'), current_database(),"
            + " (SELECT pg_catalog.string_agg(n.nspname, ', ' ORDER BY n.nspname) FROM pg_catalog.pg_namespace n"
            + "   WHERE " + NOT_SYSTEM_SCHEMA + " AND pg_catalog.has_schema_privilege(n.oid, 'CREATE'))";

    /**
     * Data-changing privileges on the tables and views of the non-system schemas, held directly,
     * through roles (including pg_write_all_data) or through PUBLIC; INSERT and UPDATE on single
     * columns count too.
     */
    static final String TABLE_PRIVILEGE_QUERY = "SELECT count(*) FILTER (WHERE ins OR upd OR del OR trn),"
            + " coalesce(bool_or(ins), false), coalesce(bool_or(upd), false),"
            + " coalesce(bool_or(del), false), coalesce(bool_or(trn), false)"
            + " FROM (SELECT pg_catalog.has_any_column_privilege(c.oid, 'INSERT') AS ins,"
            + "   pg_catalog.has_any_column_privilege(c.oid, 'UPDATE') AS upd,"
            + "   pg_catalog.has_table_privilege(c.oid, 'DELETE') AS del,"
            + "   pg_catalog.has_table_privilege(c.oid, 'TRUNCATE') AS trn"
            + "   FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + "   WHERE c.relkind IN ('r', 'p', 'f', 'v') AND " + NOT_SYSTEM_SCHEMA + ") t";

    static WriteAccess writeAccess(Connection connection) throws SQLException {
        List<String> reasons = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(ROLE_QUERY)) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return new WriteAccess(true, "superuser");
                }
                if (rs.getBoolean(2)) {
                    reasons.add("CREATE on database " + rs.getString(3));
                }
                String schemas = rs.getString(4);
                if (schemas != null) {
                    reasons.add("CREATE in schema" + (schemas.contains(", ") ? "s " : " ") + schemas);
                }
            }
            try (ResultSet rs = statement.executeQuery(TABLE_PRIVILEGE_QUERY)) {
                rs.next();
                long tables = rs.getLong(1);
                if (tables > 0) {
                    List<String> privileges = new ArrayList<>();
                    String[] names = {"INSERT", "UPDATE", "DELETE", "TRUNCATE"};
                    for (int i = 0; i < names.length; i++) {
                        if (rs.getBoolean(2 + i)) {
                            privileges.add(names[i]);
                        }
                    }
                    reasons.add(0, String.join(", ", privileges) + " on " + tables + (tables == 1 ? " table" : " tables"));
                }
            }
        }
        return reasons.isEmpty()
                ? new WriteAccess(false, "no privilege that changes data or schema")
                : new WriteAccess(true, String.join("; ", reasons));
    }
}
