package io.sightline.query.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import io.sightline.api.query.ExportFormat;
import io.sightline.api.query.QueryColumn;

/**
 * Writes rows to a file format as they arrive: nothing is held but the current row, so an
 * export of millions of rows runs in constant memory.
 */
interface ExportWriter extends AutoCloseable {

    void header(List<QueryColumn> columns) throws IOException;

    void row(List<Object> row) throws IOException;

    /** Finishes the file (the stream stays open: the HTTP layer owns it). */
    @Override
    void close() throws IOException;

    static ExportWriter open(ExportFormat format, OutputStream out, String sheetName) throws IOException {
        return format == ExportFormat.CSV ? new Csv(out) : new Xlsx(out, sheetName);
    }

    /** RFC 4180, UTF-8 with a byte-order mark (so Excel reads the encoding right), CRLF line ends. */
    final class Csv implements ExportWriter {
        private final Writer out;
        private List<QueryColumn> columns;

        Csv(OutputStream stream) throws IOException {
            out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
            out.write('\uFEFF');
        }

        @Override
        public void header(List<QueryColumn> columns) throws IOException {
            this.columns = columns;
            for (int i = 0; i < columns.size(); i++) {
                field(i, columns.get(i).name(), true);
            }
            out.write("\r\n");
        }

        @Override
        public void row(List<Object> row) throws IOException {
            for (int i = 0; i < row.size(); i++) {
                Object v = row.get(i);
                field(i, v == null ? "" : v instanceof BigDecimal d ? d.toPlainString() : v.toString(),
                        columns.get(i).kind() == QueryColumn.Kind.TEXT || columns.get(i).kind() == QueryColumn.Kind.OTHER);
            }
            out.write("\r\n");
        }

        private void field(int i, String text, boolean mayBeFormula) throws IOException {
            if (i > 0) {
                out.write(',');
            }
            // A spreadsheet runs text starting with = + - @ as a formula (CSV injection): prefix a quote.
            if (mayBeFormula && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
                text = "'" + text;
            }
            if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                out.write('"');
                out.write(text.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(text);
            }
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /** An Excel workbook written by fastexcel, which streams each row to the zip as it goes. */
    final class Xlsx implements ExportWriter {
        /** Excel's own limit of rows per sheet. */
        static final int MAX_ROWS = 1_048_576;
        private final Workbook workbook;
        private final Worksheet sheet;
        private List<QueryColumn> columns;
        private int r;

        Xlsx(OutputStream out, String sheetName) {
            workbook = new Workbook(out, "Sightline", "1.0");
            sheet = workbook.newWorksheet(sheetName);
        }

        @Override
        public void header(List<QueryColumn> columns) throws IOException {
            this.columns = columns;
            for (int c = 0; c < columns.size(); c++) {
                sheet.value(0, c, columns.get(c).name());
                sheet.style(0, c).bold().set();
            }
            r = 1;
        }

        @Override
        public void row(List<Object> row) throws IOException {
            if (r >= MAX_ROWS) {
                throw new IOException("Excel sheets hold at most 1,048,576 rows; export as CSV instead.");
            }
            for (int c = 0; c < row.size(); c++) {
                Object v = row.get(c);
                if (v == null) {
                    continue;
                }
                switch (columns.get(c).kind()) {
                    case NUMBER -> {
                        if (v instanceof Number n) {
                            sheet.value(r, c, n);
                        } else {
                            sheet.value(r, c, v.toString());
                        }
                    }
                    case BOOLEAN -> sheet.value(r, c, (Boolean) v);
                    case DATE -> {
                        sheet.value(r, c, LocalDate.parse(v.toString()));
                        sheet.style(r, c).format("yyyy-mm-dd").set();
                    }
                    case TIMESTAMP -> {
                        sheet.value(r, c, LocalDateTime.parse(v.toString()));
                        sheet.style(r, c).format("yyyy-mm-dd hh:mm:ss").set();
                    }
                    default -> sheet.value(r, c, v.toString());
                }
            }
            r++;
            if (r % 1000 == 0) {
                sheet.flush(); // hand finished rows to the zip stream
            }
        }

        @Override
        public void close() throws IOException {
            workbook.finish();
        }
    }
}
