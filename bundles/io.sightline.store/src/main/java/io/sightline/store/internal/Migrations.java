package io.sightline.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Versioned schema scripts {@code db/migration/V1.sql}, {@code V2.sql}, … applied in order on
 * start, each in its own transaction, recorded in {@code schema_version}. The first line of a
 * script is a {@code --} comment describing it. Statements end with {@code ;} at the end of a
 * line. Scripts use SQL that Derby and PostgreSQL both accept.
 */
final class Migrations {
    static final String TABLE = "schema_version";
    private static final String LOCATION = "db/migration/V%d.sql";

    private Migrations() {}

    /** Applies every script newer than the database's version; returns the version reached. */
    static int apply(DataSource dataSource, ClassLoader scripts) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            ensureVersionTable(connection);
            int current = currentVersion(connection);
            connection.commit();
            for (int version = current + 1; ; version++) {
                String script = read(scripts, String.format(LOCATION, version));
                if (script == null) {
                    return version - 1;
                }
                applyOne(connection, version, script);
            }
        }
    }

    private static void applyOne(Connection connection, int version, String script) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(script)) {
                statement.execute(sql);
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + TABLE + " (version, description, applied_at) VALUES (?, ?, ?)")) {
                insert.setInt(1, version);
                insert.setString(2, description(script));
                insert.setTimestamp(3, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException("Migration V" + version + " failed: " + e.getMessage(), e.getSQLState(), e);
        }
    }

    private static void ensureVersionTable(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        // Derby stores unquoted names upper-case, PostgreSQL lower-case.
        for (String name : List.of(TABLE.toUpperCase(), TABLE)) {
            try (ResultSet tables = meta.getTables(null, null, name, new String[] {"TABLE"})) {
                if (tables.next()) {
                    return;
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + TABLE + " (version INTEGER NOT NULL PRIMARY KEY, "
                    + "description VARCHAR(200) NOT NULL, applied_at TIMESTAMP NOT NULL)");
            connection.commit();
        }
    }

    static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT MAX(version) FROM " + TABLE)) {
            rs.next();
            return rs.getInt(1); // NULL (empty table) reads as 0
        }
    }

    /** Splits a script at semicolons that end a line; comment lines are dropped. */
    static List<String> statements(String script) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                result.add(current.toString());
                current.setLength(0);
            } else {
                current.append(trimmed).append(' ');
            }
        }
        if (!current.toString().isBlank()) {
            result.add(current.toString().strip());
        }
        return result;
    }

    private static String description(String script) {
        String first = script.lines().findFirst().orElse("").strip();
        String text = first.startsWith("--") ? first.substring(2).strip() : "";
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    private static String read(ClassLoader loader, String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
