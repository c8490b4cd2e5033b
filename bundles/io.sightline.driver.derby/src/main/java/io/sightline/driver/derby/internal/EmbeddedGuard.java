package io.sightline.driver.derby.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Queries on an embedded Derby database run inside the Sightline server, and a read-only
 * connection does not stop Derby's system procedures from touching its file system:
 * {@code CALL SYSCS_UTIL.SYSCS_EXPORT_QUERY('VALUES ...', '/any/path', ...)} writes any file the
 * server may write (a file in Karaf's deploy/ folder is code execution), and the SYSCS_DIAG table
 * functions read log files. Derby refuses these to users other than the database owner only when
 * SQL authorization is on. So a query session on an embedded database is refused unless SQL
 * authorization is on, the user is not the database owner, and no one granted the user (or
 * PUBLIC, or a role) a file-touching routine.
 */
final class EmbeddedGuard {
    /** SQLState of the refusal: implementation-defined class "SL" (Sightline). */
    static final String SQLSTATE = "SL001";

    private EmbeddedGuard() {}

    static void check(Connection connection) throws SQLException {
        String user = DerbyMetadata.currentUser(connection);
        String owner = DerbyMetadata.databaseOwner(connection);
        if (user.equals(owner)) {
            throw refused("user " + user + " owns the database");
        }
        // Derby checks EXECUTE before it looks at the arguments: without the right, 42504; with it,
        // the procedure starts and stops at once on the missing file name (XIE05). Nothing is written.
        try (Statement st = connection.createStatement()) {
            st.execute("CALL SYSCS_UTIL.SYSCS_EXPORT_QUERY('VALUES 1', NULL, NULL, NULL, NULL)");
            throw refused("user " + user + " may export to files (is SQL authorization on?)");
        } catch (SQLException e) {
            if (SQLSTATE.equals(e.getSQLState())) {
                throw e;
            }
            if (!"42504".equals(e.getSQLState())) {
                throw refused("user " + user + " may export to files (is derby.database.sqlAuthorization on?)");
            }
        }
        List<String> granted = fileRoutinesGranted(connection, user);
        if (!granted.isEmpty()) {
            throw refused("user " + user + " was granted " + String.join(", ", granted));
        }
    }

    private static List<String> fileRoutinesGranted(Connection connection, String user) throws SQLException {
        String sql = "SELECT s.SCHEMANAME, a.ALIAS FROM SYS.SYSROUTINEPERMS p"
                + " JOIN SYS.SYSALIASES a ON p.ALIASID = a.ALIASID"
                + " JOIN SYS.SYSSCHEMAS s ON a.SCHEMAID = s.SCHEMAID"
                + " WHERE s.SCHEMANAME IN ('SYSCS_UTIL', 'SQLJ')"
                + " AND (p.GRANTEE = ? OR p.GRANTEE = 'PUBLIC'"
                + " OR p.GRANTEE IN (SELECT r.ROLEID FROM SYS.SYSROLES r"
                + " WHERE r.ISDEF = 'N' AND (r.GRANTEE = ? OR r.GRANTEE = 'PUBLIC')))"
                + " AND (a.ALIAS LIKE '%EXPORT%' OR a.ALIAS LIKE '%IMPORT%' OR a.ALIAS LIKE '%BACKUP%'"
                + " OR a.ALIAS LIKE '%JAR%' OR a.ALIAS LIKE '%REGISTER_TOOL%' OR a.ALIAS LIKE '%RELOAD%')";
        List<String> routines = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, user);
            st.setString(2, user);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    routines.add(rs.getString(1) + "." + rs.getString(2));
                }
            }
        }
        return routines;
    }

    private static SQLException refused(String why) {
        return new SQLException("Queries on this embedded Derby database are refused: " + why + ". Embedded"
                + " databases run inside the Sightline server, where Derby's export and diagnostic routines would"
                + " read and write the server's files. Turn on derby.database.sqlAuthorization in that database"
                + " and connect as a user that does not own it and has only SELECT rights.", SQLSTATE);
    }
}
