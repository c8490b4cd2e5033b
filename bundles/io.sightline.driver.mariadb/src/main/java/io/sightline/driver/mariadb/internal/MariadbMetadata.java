package io.sightline.driver.mariadb.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sightline.api.driver.SchemaInfo;
import io.sightline.api.driver.ServerInfo;
import io.sightline.api.driver.WriteAccess;
import io.sightline.driver.support.SchemaCollector;
import io.sightline.driver.support.Sql;

/** The catalog queries of the MariaDB / MySQL dialect (DS-5, DS-6). */
final class MariadbMetadata {
    private MariadbMetadata() {}

    static final String SYSTEM_SCHEMAS = "('information_schema', 'mysql', 'performance_schema', 'sys')";

    static ServerInfo serverInfo(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT VERSION(), @@time_zone, @@system_time_zone, @@max_connections")) {
            rs.next();
            String version = rs.getString(1);
            String timeZone = rs.getString(2);
            if ("SYSTEM".equalsIgnoreCase(timeZone)) {
                timeZone = rs.getString(3);
            }
            long maxConnections = rs.getLong(4);
            return new ServerInfo(version.toLowerCase(Locale.ROOT).contains("mariadb") ? "MariaDB" : "MySQL", version,
                    timeZone, rs.wasNull() ? null : (int) Math.min(Integer.MAX_VALUE, maxConnections));
        }
    }

    /** The databases the user can see (information_schema shows no others), including empty ones. */
    static final String DATABASES_QUERY = "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA"
            + " WHERE SCHEMA_NAME NOT IN " + SYSTEM_SCHEMAS;

    /**
     * Tables (also system-versioned) and views with their columns, in one query; sequences and
     * temporary tables are left out.
     */
    static final String TABLES_QUERY = "SELECT t.TABLE_SCHEMA, t.TABLE_NAME, t.TABLE_TYPE, c.COLUMN_NAME, c.COLUMN_TYPE,"
            + " c.IS_NULLABLE FROM information_schema.TABLES t"
            + " LEFT JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME"
            + " WHERE t.TABLE_SCHEMA NOT IN " + SYSTEM_SCHEMAS
            + " AND t.TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED', 'VIEW')"
            + " ORDER BY t.TABLE_SCHEMA, t.TABLE_NAME, c.ORDINAL_POSITION";

    static List<SchemaInfo> schema(Connection connection) throws SQLException {
        SchemaCollector collector = new SchemaCollector();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(DATABASES_QUERY)) {
                while (rs.next()) {
                    collector.schema(rs.getString(1));
                }
            }
            try (ResultSet rs = statement.executeQuery(TABLES_QUERY)) {
                while (rs.next()) {
                    String schema = rs.getString(1);
                    String table = rs.getString(2);
                    collector.table(schema, table,
                            "VIEW".equals(rs.getString(3)) ? SchemaInfo.Kind.VIEW : SchemaInfo.Kind.TABLE);
                    String column = rs.getString(4);
                    if (column != null) {
                        collector.column(schema, table,
                                new SchemaInfo.Column(column, rs.getString(5), "YES".equals(rs.getString(6))));
                    }
                }
            }
        }
        return collector.build();
    }

    /**
     * Privileges that change data or schema. FILE counts: it writes files on the database server
     * (SELECT ... INTO OUTFILE). Not counted: CREATE TEMPORARY TABLES (gone with the session),
     * LOCK TABLES, EXECUTE (what a routine does is its definer's business).
     */
    static final Set<String> WRITE_PRIVILEGES = Set.of("ALL", "ALL PRIVILEGES", "INSERT", "UPDATE", "DELETE",
            "DELETE HISTORY", "CREATE", "DROP", "ALTER", "INDEX", "TRIGGER", "CREATE VIEW", "CREATE ROUTINE",
            "ALTER ROUTINE", "EVENT", "FILE");

    /** {@code GRANT <privileges> ON [TABLE|FUNCTION|PROCEDURE|PACKAGE [BODY]] <object> TO ...}. */
    private static final Pattern PRIVILEGE_GRANT = Pattern.compile(
            "GRANT (.+?) ON (?:(?:TABLE|FUNCTION|PROCEDURE|PACKAGE BODY|PACKAGE) )?((?:`(?:[^`]|``)*`|[^\\s`])+) TO .*",
            Pattern.DOTALL);
    /** A role as SHOW GRANTS prints it: {@code `r`} (MariaDB) or {@code `r`@`%`} (MySQL), or bare. */
    private static final String ROLE_NAME = "(?:`(?:[^`]|``)*`|'[^']*'|[^\\s,`'@]+)";
    private static final String ROLE = ROLE_NAME + "(?:@" + ROLE_NAME + ")?";
    /** {@code GRANT <role>[, <role>] TO <user>}: role grants have no ON. */
    private static final Pattern ROLE_GRANT = Pattern.compile("GRANT (" + ROLE + "(?:\\s*,\\s*" + ROLE + ")*) TO .*",
            Pattern.DOTALL);
    private static final Pattern ONE_ROLE = Pattern.compile(ROLE);
    /** Column lists: {@code INSERT (`a`, `b`)}. */
    private static final Pattern COLUMN_LIST = Pattern.compile("\\((?:`(?:[^`]|``)*`|[^)`])*\\)");

    /**
     * Reads {@code SHOW GRANTS} of the current user, then, for each role granted to it (active or
     * not: the user may {@code SET ROLE} at any time), {@code SHOW GRANTS} with that role set, which
     * also lists the roles granted to it. MariaDB shows a role's grants only while it is set, so this
     * sets each role in turn and then restores the session's role.
     */
    static WriteAccess writeAccess(Connection connection) throws SQLException {
        Map<String, Set<String>> writable = new LinkedHashMap<>();
        Deque<String> roles = new ArrayDeque<>();
        try (Statement statement = connection.createStatement()) {
            readGrants(statement, writable, roles);
            if (!roles.isEmpty()) {
                String original = currentRole(statement);
                try {
                    Set<String> tried = new HashSet<>();
                    Deque<String> nested = new ArrayDeque<>();
                    while (!roles.isEmpty()) {
                        String role = roles.pop();
                        if (!tried.add(role)) {
                            continue;
                        }
                        try {
                            statement.execute("SET ROLE " + role);
                        } catch (SQLException e) {
                            // a role granted to a role: its grants came with the role that holds it
                            continue;
                        }
                        readGrants(statement, writable, nested);
                    }
                } finally {
                    statement.execute("SET ROLE " + original);
                }
            }
        }
        if (writable.getOrDefault("*.*", Set.of()).contains("ALL PRIVILEGES")) {
            return new WriteAccess(true, "ALL PRIVILEGES on *.*");
        }
        if (writable.isEmpty()) {
            return new WriteAccess(false, "no privilege that changes data or schema");
        }
        List<String> parts = new ArrayList<>();
        writable.forEach((object, privileges) -> parts.add(String.join(", ", privileges) + " on " + object));
        return new WriteAccess(true, String.join("; ", parts));
    }

    /** The session's role as SET ROLE takes it: NONE, a quoted MariaDB role, or MySQL's own list. */
    private static String currentRole(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT CURRENT_ROLE()")) {
            String role = rs.next() ? rs.getString(1) : null;
            if (role == null || role.isBlank() || "NONE".equalsIgnoreCase(role)) {
                return "NONE";
            }
            return role.startsWith("`") ? role : Sql.quote(role, '`');
        }
    }

    private static void readGrants(Statement statement, Map<String, Set<String>> writable, Deque<String> roles)
            throws SQLException {
        try (ResultSet rs = statement.executeQuery("SHOW GRANTS")) {
            while (rs.next()) {
                parseGrant(rs.getString(1), writable, roles);
            }
        }
    }

    /**
     * Adds the write privileges of one SHOW GRANTS line to {@code writable}, and the roles it grants
     * to {@code roles}, as the server quoted them.
     */
    static void parseGrant(String line, Map<String, Set<String>> writable, Deque<String> roles) {
        Matcher grant = PRIVILEGE_GRANT.matcher(line);
        if (grant.matches()) {
            Set<String> found = new LinkedHashSet<>();
            for (String privilege : COLUMN_LIST.matcher(grant.group(1)).replaceAll("").split(",")) {
                String name = privilege.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
                if (WRITE_PRIVILEGES.contains(name)) {
                    found.add("ALL".equals(name) ? "ALL PRIVILEGES" : name);
                }
            }
            if (!found.isEmpty()) {
                writable.computeIfAbsent(readable(grant.group(2)), k -> new LinkedHashSet<>()).addAll(found);
            }
            return;
        }
        Matcher roleGrant = ROLE_GRANT.matcher(line);
        if (roleGrant.matches()) {
            Matcher role = ONE_ROLE.matcher(roleGrant.group(1));
            while (role.find()) {
                roles.add(role.group());
            }
        }
    }

    /** {@code `shop`.`orders`} as shop.orders. */
    private static String readable(String object) {
        StringBuilder out = new StringBuilder();
        Matcher part = Pattern.compile("`((?:[^`]|``)*)`|([^`]+)").matcher(object);
        while (part.find()) {
            out.append(part.group(1) != null ? part.group(1).replace("``", "`") : part.group(2));
        }
        return out.toString();
    }
}
