import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;

/**
 * The baseline of bench/query-cache-load.sh: `SELECT 1` on one open pgjdbc connection, read-only
 * transaction and rollback as Sightline runs it, 600 times; prints p50/p99 of the last 500.
 */
public class JdbcOneRow {
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
            c.setReadOnly(true);
            c.setAutoCommit(false);
            double[] ms = new double[600];
            for (int i = 0; i < ms.length; i++) {
                long t0 = System.nanoTime();
                try (PreparedStatement s = c.prepareStatement("SELECT 1 AS one")) {
                    s.setQueryTimeout(120);
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        rs.getLong(1);
                    }
                }
                c.rollback();
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            double[] measured = Arrays.copyOfRange(ms, 100, ms.length);
            Arrays.sort(measured);
            System.out.printf("== plain JDBC 1-row query, same PostgreSQL: p50 %.2f ms, p99 %.2f ms ==%n",
                    measured[measured.length / 2], measured[(int) (measured.length * 0.99)]);
        }
    }
}
