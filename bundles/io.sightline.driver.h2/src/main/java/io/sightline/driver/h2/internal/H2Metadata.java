package io.sightline.driver.h2.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.sightline.api.driver.ServerInfo;
import io.sightline.api.driver.WriteAccess;

/** What an H2 database says about itself and about the connected user (SPEC DS-5, DS-6). */
final class H2Metadata {
    private H2Metadata() {}

    /** H2 has a session time zone (SET TIME ZONE), and no connection limit. */
    static ServerInfo serverInfo(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String zone = null;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'TIME ZONE'")) {
            if (rs.next()) {
                zone = rs.getString(1);
            }
        }
        return new ServerInfo(meta.getDatabaseProductName(), meta.getDatabaseProductVersion(), zone, null);
    }

    /**
     * An H2 user can write when it has admin rights, owns a schema (and so may create tables in it),
     * or holds INSERT, UPDATE or DELETE on tables, itself or through roles. Users without admin
     * rights see their own and their roles' table rights in INFORMATION_SCHEMA.TABLE_PRIVILEGES;
     * schema-wide rights (GRANT ... ON SCHEMA, ALTER ANY SCHEMA) are visible to administrators only.
     */
    static WriteAccess writeAccess(Connection connection) throws SQLException {
        String user;
        boolean admin;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT USER_NAME, IS_ADMIN FROM INFORMATION_SCHEMA.USERS WHERE USER_NAME = CURRENT_USER")) {
            if (!rs.next()) {
                return new WriteAccess(true, "The user's rights could not be read; assume it can write.");
            }
            user = rs.getString(1);
            admin = rs.getBoolean(2);
        }
        if (admin) {
            return new WriteAccess(true, "User " + user + " has admin rights and can change everything."
                    + " A user with SELECT rights only is recommended.");
        }
        List<String> reasons = new ArrayList<>();
        TreeSet<String> owned = new TreeSet<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_OWNER = CURRENT_USER")) {
            while (rs.next()) {
                owned.add(rs.getString(1));
            }
        }
        if (!owned.isEmpty()) {
            reasons.add("owns schema" + (owned.size() == 1 ? " " : "s ") + String.join(", ", owned));
        }
        // TABLE_PRIVILEGES lists every grant on the tables the user may see; the user's own and
        // PUBLIC's apply for sure, a role's only if the user holds it, which only administrators see.
        Map<String, TreeSet<String>> tables = new TreeMap<>();
        TreeSet<String> roles = new TreeSet<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT p.PRIVILEGE_TYPE, p.TABLE_SCHEMA, p.TABLE_NAME, p.GRANTEE,"
                        + " CASE WHEN p.GRANTEE IN (CURRENT_USER, 'PUBLIC') THEN 'USER' ELSE 'ROLE' END"
                        + " FROM INFORMATION_SCHEMA.TABLE_PRIVILEGES p"
                        + " WHERE p.PRIVILEGE_TYPE IN ('INSERT', 'UPDATE', 'DELETE')"
                        + " AND (p.GRANTEE IN (CURRENT_USER, 'PUBLIC')"
                        + " OR p.GRANTEE IN (SELECT ROLE_NAME FROM INFORMATION_SCHEMA.ROLES))")) {
            while (rs.next()) {
                if (rs.getString(5).equals("ROLE")) {
                    roles.add(rs.getString(4));
                } else {
                    tables.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2) + "." + rs.getString(3));
                }
            }
        }
        for (String privilege : List.of("INSERT", "UPDATE", "DELETE")) {
            TreeSet<String> on = tables.get(privilege);
            if (on != null) {
                reasons.add("holds " + privilege + " on " + on.size() + (on.size() == 1 ? " table" : " tables"));
            }
        }
        if (!roles.isEmpty()) {
            reasons.add("may hold role" + (roles.size() == 1 ? " " : "s ") + String.join(", ", roles)
                    + " with INSERT, UPDATE or DELETE rights (role grants are visible to administrators only)");
        }
        if (reasons.isEmpty()) {
            return new WriteAccess(false, "User " + user + " has no admin rights, owns no schema and has no INSERT,"
                    + " UPDATE or DELETE rights on tables.");
        }
        return new WriteAccess(true, "User " + user + " " + String.join(", ", reasons)
                + ". A user with SELECT rights only is recommended.");
    }
}
