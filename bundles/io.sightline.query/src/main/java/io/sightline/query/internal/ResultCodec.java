package io.sightline.query.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.sightline.api.query.BoundSql;
import io.sightline.api.query.BoundValue;
import io.sightline.api.query.ParameterType;
import io.sightline.api.query.QueryColumn;
import io.sightline.api.query.QueryResult;

/**
 * A result as the bytes the cache keeps. Our own small format, so the cache (Hazelcast) never
 * loads Sightline classes and every value comes back with the Java type it had.
 */
final class ResultCodec {
    private static final int VERSION = 2;
    private static final byte NULL = 0, LONG = 1, DECIMAL = 2, DOUBLE = 3, BOOLEAN = 4, TEXT = 5, DATE = 6;

    private ResultCodec() {}

    static byte[] encode(QueryResult r) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024 + r.rows().size() * 64);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            text(out, r.dataSourceId());
            text(out, r.sql().sql());
            text(out, r.sql().timeZone().getId());
            out.writeInt(r.sql().values().size());
            for (BoundValue v : r.sql().values()) {
                text(out, v.parameter());
                text(out, v.type().name());
                value(out, v.value());
            }
            out.writeInt(r.columns().size());
            for (QueryColumn c : r.columns()) {
                text(out, c.name());
                text(out, c.databaseType());
                text(out, c.kind().name());
            }
            out.writeInt(r.rows().size());
            for (List<Object> row : r.rows()) {
                for (Object v : row) {
                    value(out, v);
                }
            }
            out.writeBoolean(r.limitReached());
            out.writeInt(r.maxRows());
            out.writeLong(r.durationMillis());
            out.writeLong(r.computedAt().getEpochSecond());
            out.writeInt(r.computedAt().getNano());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The result stored in {@code data}, under run id {@code id}; null when the bytes are of another version. */
    static QueryResult decode(byte[] data, String id) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            if (in.readByte() != VERSION) {
                return null;
            }
            String dataSourceId = text(in);
            String sql = text(in);
            ZoneId zone = ZoneId.of(text(in));
            int n = in.readInt();
            List<BoundValue> values = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                String parameter = text(in);
                ParameterType type = ParameterType.valueOf(text(in));
                values.add(new BoundValue(i, parameter, type, value(in)));
            }
            int c = in.readInt();
            List<QueryColumn> columns = new ArrayList<>(c);
            for (int i = 0; i < c; i++) {
                columns.add(new QueryColumn(text(in), text(in), QueryColumn.Kind.valueOf(text(in))));
            }
            int rowCount = in.readInt();
            List<List<Object>> rows = new ArrayList<>(rowCount);
            for (int i = 0; i < rowCount; i++) {
                List<Object> row = new ArrayList<>(c);
                for (int j = 0; j < c; j++) {
                    row.add(value(in));
                }
                rows.add(java.util.Collections.unmodifiableList(row));
            }
            boolean limitReached = in.readBoolean();
            int maxRows = in.readInt();
            long duration = in.readLong();
            Instant computedAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
            return new QueryResult(id, dataSourceId, new BoundSql(sql, values, zone), columns, rows, limitReached, maxRows,
                    duration, computedAt, true);
        } catch (IOException | IllegalArgumentException | java.time.DateTimeException e) {
            return null; // unreadable entry: run the query instead
        }
    }

    private static void value(DataOutputStream out, Object v) throws IOException {
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (v instanceof BigDecimal d) {
            out.writeByte(DECIMAL);
            text(out, d.toString());
        } else if (v instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (v instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(b);
        } else if (v instanceof LocalDate d) {
            out.writeByte(DATE);
            text(out, d.toString());
        } else {
            out.writeByte(TEXT);
            text(out, v.toString());
        }
    }

    private static Object value(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case LONG -> in.readLong();
            case DECIMAL -> new BigDecimal(text(in));
            case DOUBLE -> in.readDouble();
            case BOOLEAN -> in.readBoolean();
            case DATE -> LocalDate.parse(text(in));
            case TEXT -> text(in);
            default -> throw new IOException("unknown value tag " + tag);
        };
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String text(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}
