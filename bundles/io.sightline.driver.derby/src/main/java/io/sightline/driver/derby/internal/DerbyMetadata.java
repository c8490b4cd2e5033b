package io.sightline.driver.derby.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

import io.sightline.api.driver.ServerInfo;
import io.sightline.api.driver.WriteAccess;

/** What a Derby database says about itself and about the connected user (SPEC DS-5, DS-6). */
final class DerbyMetadata {
    private DerbyMetadata() {}

    /** Whether the connection is to an embedded database, in this JVM. */
    static boolean embedded(Connection connection) throws SQLException {
        String url = connection.getMetaData().getURL();
        return url != null && url.startsWith("jdbc:derby:") && !url.startsWith("jdbc:derby://");
    }

    /**
     * Derby has no time zone setting: CURRENT_TIMESTAMP is the wall clock of the JVM that runs the
     * database. Embedded, that is this JVM, whose zone is known; over the network the zone itself
     * is not visible, so the server clock's offset from UTC is given (rounded to 15 minutes).
     */
    static ServerInfo serverInfo(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String zone;
        if (embedded(connection)) {
            zone = TimeZone.getDefault().getID();
        } else {
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("VALUES CURRENT_TIMESTAMP")) {
                rs.next();
                zone = offsetOf(rs.getTimestamp(1), LocalDateTime.now(ZoneOffset.UTC));
            }
        }
        // The network server's connection limit (derby.drda.maxThreads) is not visible through SQL.
        return new ServerInfo(meta.getDatabaseProductName(), meta.getDatabaseProductVersion(), zone, null);
    }

    static String offsetOf(Timestamp serverWallClock, LocalDateTime utcNow) {
        long minutes = Duration.between(utcNow, serverWallClock.toLocalDateTime()).toMinutes();
        long rounded = Math.round(minutes / 15.0) * 15;
        if (Math.abs(rounded) > 18 * 60) {
            return null;
        }
        ZoneOffset offset = ZoneOffset.ofTotalSeconds((int) rounded * 60);
        return offset.equals(ZoneOffset.UTC) ? "UTC" : "UTC" + offset.getId();
    }

    /**
     * Derby: with SQL authorization off (its default) every user with full access can change every
     * table and create schemas; with it on, every user can still create tables in a schema of its
     * own name. What takes writing away is a read-only database or a read-only connection mode
     * (derby.database.defaultConnectionMode, fullAccessUsers, readOnlyAccessUsers). Those database
     * properties are read through SYSCS_GET_DATABASE_PROPERTY; settings made only as system
     * properties on the server are not visible to a client.
     */
    static WriteAccess writeAccess(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String user = currentUser(connection);
        if (meta.isReadOnly()) {
            return new WriteAccess(false, "The database is read-only.");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        boolean propertiesVisible = true;
        try {
            for (String name : List.of("derby.database.defaultConnectionMode", "derby.database.fullAccessUsers",
                    "derby.database.readOnlyAccessUsers", "derby.database.sqlAuthorization")) {
                properties.put(name, databaseProperty(connection, name));
            }
        } catch (SQLException e) {
            if (!"42504".equals(e.getSQLState())) {
                throw e;
            }
            // No EXECUTE on the property function: SQL authorization is on and the user is not the owner.
            propertiesVisible = false;
        }
        String owner = databaseOwner(connection);
        if (propertiesVisible) {
            String mode = connectionMode(user, properties.get("derby.database.defaultConnectionMode"),
                    properties.get("derby.database.fullAccessUsers"),
                    properties.get("derby.database.readOnlyAccessUsers"));
            if (mode.equals("readonlyaccess")) {
                return new WriteAccess(false, "User " + user + " has read-only access to this database"
                        + " (derby.database.readOnlyAccessUsers or defaultConnectionMode).");
            }
            if (user.equals(owner)) {
                return new WriteAccess(true, "User " + user + " owns the database and can change everything.");
            }
            if (!"true".equalsIgnoreCase(properties.get("derby.database.sqlAuthorization"))) {
                return new WriteAccess(true, "User " + user + " has full access, and SQL authorization is off:"
                        + " every table can be changed. A read-only user is recommended (add it to"
                        + " derby.database.readOnlyAccessUsers).");
            }
        }
        List<String> grants = tableGrants(connection, user);
        return new WriteAccess(true, "SQL authorization is on: user " + user + " can create tables in its own"
                + " schema" + (grants.isEmpty() ? "" : ", and holds " + String.join(", ", grants))
                + ". A read-only user is recommended (the database owner can add it to"
                + " derby.database.readOnlyAccessUsers).");
    }

    /** Derby's rule: readOnlyAccessUsers, then fullAccessUsers, then the default mode. */
    static String connectionMode(String user, String defaultMode, String fullAccess, String readOnlyAccess) {
        if (listed(user, readOnlyAccess)) {
            return "readonlyaccess";
        }
        if (listed(user, fullAccess)) {
            return "fullaccess";
        }
        return defaultMode == null ? "fullaccess" : defaultMode.trim().toLowerCase(Locale.ROOT);
    }

    private static boolean listed(String user, String list) {
        if (list == null) {
            return false;
        }
        for (String entry : list.split(",")) {
            String name = entry.trim();
            String normal = name.startsWith("\"") && name.endsWith("\"") && name.length() > 1
                    ? name.substring(1, name.length() - 1).replace("\"\"", "\"")
                    : name.toUpperCase(Locale.ROOT);
            if (normal.equals(user)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> tableGrants(Connection connection, String user) throws SQLException {
        List<String> grants = new ArrayList<>();
        String sql = "SELECT COUNT(CASE WHEN INSERTPRIV <> 'N' THEN 1 END), COUNT(CASE WHEN UPDATEPRIV <> 'N' THEN 1 END),"
                + " COUNT(CASE WHEN DELETEPRIV <> 'N' THEN 1 END) FROM SYS.SYSTABLEPERMS"
                + " WHERE GRANTEE = ? OR GRANTEE = 'PUBLIC'";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, user);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                String[] names = {"INSERT", "UPDATE", "DELETE"};
                for (int i = 0; i < names.length; i++) {
                    int tables = rs.getInt(i + 1);
                    if (tables > 0) {
                        grants.add(names[i] + " on " + tables + (tables == 1 ? " table" : " tables"));
                    }
                }
            }
        }
        return grants;
    }

    static String currentUser(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("VALUES CURRENT_USER")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The database owner (DBO): the authorization id of the SYS schema. */
    static String databaseOwner(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT AUTHORIZATIONID FROM SYS.SYSSCHEMAS WHERE SCHEMANAME = 'SYS'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static String databaseProperty(Connection connection, String name) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("VALUES SYSCS_UTIL.SYSCS_GET_DATABASE_PROPERTY(?)")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
