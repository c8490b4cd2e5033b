import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The baseline of bench/export-vs-jdbc.sh: reads the same rows with plain JDBC (pgjdbc, cursor of
 * 1000 rows, autocommit off), turning every value into text as a CSV writer must, and prints rows/s.
 *   java -cp postgresql.jar bench/java/JdbcRead.java SQL
 */
public class JdbcRead {
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
            c.setAutoCommit(false);
            for (int round = 0; round < 2; round++) { // the first round warms the JIT
                long t0 = System.nanoTime();
                long rows = 0;
                long chars = 0;
                try (Statement s = c.createStatement()) {
                    s.setFetchSize(1000);
                    try (ResultSet rs = s.executeQuery(args[0])) {
                        int columns = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int i = 1; i <= columns; i++) {
                                String v = rs.getString(i);
                                chars += v == null ? 0 : v.length();
                            }
                            rows++;
                        }
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (round == 1) {
                    System.out.printf("plain JDBC read: %,d rows (%,d characters) in %.1f s, %,.0f rows/s%n", rows, chars,
                            seconds, rows / seconds);
                }
            }
            c.rollback();
        }
    }
}
