package io.sightline.query.internal;

import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.sightline.api.query.QueryColumn;
import io.sightline.api.query.QueryColumn.Kind;

/**
 * Reads JDBC rows into plain values (Long, BigDecimal, Double, Boolean, String) that JSON, CSV and
 * XLSX all understand, with dates and times as ISO text. A timestamp with a time zone is an
 * instant: it is shown in the user's time zone, with that zone's offset; dates and timestamps
 * without a zone are shown as stored. One instance per result set.
 */
final class Rows {
    /** Longest text kept in one cell; longer values end in "…" (exports too: they are for people). */
    static final int MAX_CELL_CHARS = 65_536;
    private static final int BINARY_BYTES_SHOWN = 32;

    private final ResultSet rs;
    private final List<QueryColumn> columns;
    private final int[] jdbcTypes;
    private final ZoneId zone;

    Rows(ResultSet rs, ZoneId zone) throws SQLException {
        this.rs = rs;
        this.zone = zone;
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<QueryColumn> cols = new ArrayList<>(n);
        jdbcTypes = new int[n];
        for (int i = 1; i <= n; i++) {
            String typeName = meta.getColumnTypeName(i);
            jdbcTypes[i - 1] = zoned(typeName) ? Types.TIMESTAMP_WITH_TIMEZONE : meta.getColumnType(i);
            cols.add(new QueryColumn(meta.getColumnLabel(i), typeName, kind(jdbcTypes[i - 1])));
        }
        columns = List.copyOf(cols);
    }

    List<QueryColumn> columns() {
        return columns;
    }

    /** The next row, or null at the end. */
    List<Object> next() throws SQLException {
        if (!rs.next()) {
            return null;
        }
        List<Object> row = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            row.add(value(i + 1, jdbcTypes[i]));
        }
        return row;
    }

    /**
     * Whether a column holds instants although its driver reports {@link Types#TIMESTAMP}:
     * PostgreSQL's JDBC driver does so for {@code timestamptz}.
     */
    static boolean zoned(String typeName) {
        return typeName != null && (typeName.equalsIgnoreCase("timestamptz")
                || typeName.toLowerCase(java.util.Locale.ROOT).startsWith("timestamp with time zone"));
    }

    static Kind kind(int jdbcType) {
        return switch (jdbcType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC, Types.REAL,
                    Types.FLOAT, Types.DOUBLE -> Kind.NUMBER;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                    Types.CLOB, Types.NCLOB -> Kind.TEXT;
            case Types.BOOLEAN, Types.BIT -> Kind.BOOLEAN;
            case Types.DATE -> Kind.DATE;
            case Types.TIMESTAMP -> Kind.TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE -> Kind.TIMESTAMP_WITH_ZONE;
            case Types.TIME, Types.TIME_WITH_TIMEZONE -> Kind.TIME;
            default -> Kind.OTHER;
        };
    }

    private Object value(int i, int jdbcType) throws SQLException {
        switch (jdbcType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
                long v = rs.getLong(i);
                return rs.wasNull() ? null : v;
            }
            case Types.DECIMAL, Types.NUMERIC -> {
                return rs.getBigDecimal(i);
            }
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> {
                double v = rs.getDouble(i);
                // JSON has no NaN or infinity: show them as text.
                return rs.wasNull() ? null : Double.isFinite(v) ? (Object) v : Double.toString(v);
            }
            case Types.BOOLEAN -> {
                boolean v = rs.getBoolean(i);
                return rs.wasNull() ? null : v;
            }
            case Types.DATE -> {
                java.sql.Date d = rs.getDate(i);
                return d == null ? null : d.toLocalDate().toString();
            }
            case Types.TIMESTAMP -> {
                java.sql.Timestamp t = rs.getTimestamp(i);
                return t == null ? null : t.toLocalDateTime().toString();
            }
            case Types.TIMESTAMP_WITH_TIMEZONE -> {
                OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                return t == null ? null : inZone(t, zone);
            }
            case Types.TIME -> {
                java.sql.Time t = rs.getTime(i);
                return t == null ? null : t.toLocalTime().toString();
            }
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR -> {
                return cap(rs.getString(i));
            }
            case Types.CLOB, Types.NCLOB -> {
                Clob clob = rs.getClob(i);
                if (clob == null) {
                    return null;
                }
                try {
                    return cap(clob.getSubString(1, (int) Math.min(clob.length(), MAX_CELL_CHARS + 1)));
                } finally {
                    clob.free();
                }
            }
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                byte[] bytes = rs.getBytes(i);
                return bytes == null ? null : binary(bytes);
            }
            case Types.BIT -> {
                // MySQL BIT(1) is a boolean; wider BIT columns are bytes.
                Object v = rs.getObject(i);
                return v == null ? null : v instanceof Boolean b ? b : v instanceof byte[] bytes ? binary(bytes) : cap(v.toString());
            }
            default -> {
                Object v = rs.getObject(i);
                if (v == null) {
                    return null;
                }
                if (v instanceof byte[] bytes) {
                    return binary(bytes);
                }
                if (v instanceof LocalDate || v instanceof LocalDateTime || v instanceof LocalTime) {
                    return v.toString();
                }
                return cap(String.valueOf(v));
            }
        }
    }

    /** The instant as ISO text with the offset {@code zone} has at that instant. */
    static String inZone(OffsetDateTime t, ZoneId zone) {
        return t.atZoneSameInstant(zone).toOffsetDateTime().toString();
    }

    private static String binary(byte[] bytes) {
        String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, BINARY_BYTES_SHOWN));
        return "0x" + hex + (bytes.length > BINARY_BYTES_SHOWN ? "… (" + bytes.length + " bytes)" : "");
    }

    static String cap(String text) {
        return text == null || text.length() <= MAX_CELL_CHARS ? text : text.substring(0, MAX_CELL_CHARS) + "…";
    }
}
