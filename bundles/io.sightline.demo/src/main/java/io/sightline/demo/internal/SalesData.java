package io.sightline.demo.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/**
 * The sample sales dataset (P-9): regions and countries, customers, products, two years of orders
 * up to today with their lines, and a {@code sales} view that joins them for charts. The numbers
 * come from a fixed seed, with growth over time, a year-end peak and weekend dips, so every
 * installation shows the same believable shapes; only the dates follow the day it is created.
 */
final class SalesData {
    static final int CUSTOMERS = 2_000;
    static final int ORDERS = 24_000;
    private static final long SEED = 20_261_123L;

    private record Country(String name, String region) {}

    private static final List<Country> COUNTRIES = List.of(
            new Country("Germany", "EU"), new Country("France", "EU"), new Country("Netherlands", "EU"),
            new Country("Spain", "EU"), new Country("Poland", "EU"), new Country("Sweden", "EU"),
            new Country("United States", "North America"), new Country("Canada", "North America"),
            new Country("Mexico", "LATAM"), new Country("Brazil", "LATAM"), new Country("Argentina", "LATAM"),
            new Country("Japan", "APAC"), new Country("Australia", "APAC"), new Country("India", "APAC"),
            new Country("Singapore", "APAC"));
    private static final String[] SEGMENTS = {"Consumer", "Small business", "Enterprise"};
    private static final String[] CHANNELS = {"Web", "Store", "Partner"};
    private static final String[][] CATALOG = {
        {"Laptops", "Aero 13", "1099"}, {"Laptops", "Aero 15", "1399"}, {"Laptops", "Forge 17", "1899"},
        {"Laptops", "Lite 11", "649"}, {"Monitors", "View 24", "219"}, {"Monitors", "View 27", "329"},
        {"Monitors", "Studio 32", "749"}, {"Accessories", "Wireless mouse", "39"}, {"Accessories", "Mechanical keyboard", "129"},
        {"Accessories", "USB-C dock", "189"}, {"Accessories", "Laptop sleeve", "35"}, {"Accessories", "Webcam HD", "79"},
        {"Audio", "Buds Pro", "159"}, {"Audio", "Over-ear 700", "329"}, {"Audio", "Desk speakers", "119"},
        {"Phones", "Pocket 6", "699"}, {"Phones", "Pocket 6 Max", "999"}, {"Phones", "Pocket SE", "429"},
        {"Tablets", "Slate 10", "459"}, {"Tablets", "Slate 12 Pro", "899"}, {"Services", "Care plan 1 year", "99"},
        {"Services", "Care plan 3 years", "229"}, {"Services", "Setup service", "59"}, {"Storage", "SSD 1 TB", "119"},
        {"Storage", "SSD 2 TB", "199"}, {"Storage", "Backup drive 4 TB", "149"}};
    private static final String[] FIRST = {"Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken",
        "Frances", "John", "Radia", "Edsger", "Sophie", "Tim", "Hedy", "Guido", "Katherine", "Niklaus", "Mary", "Bjarne"};
    private static final String[] LAST = {"Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Ritchie", "Liskov",
        "Thompson", "Allen", "McCarthy", "Perlman", "Dijkstra", "Wilson", "Berners-Lee", "Lamarr", "van Rossum",
        "Johnson", "Wirth", "Keller", "Stroustrup"};

    private SalesData() {}

    /** The regions, sorted: what {@code SELECT DISTINCT region FROM sales ORDER BY 1} reads. */
    static List<String> regions() {
        return COUNTRIES.stream().map(Country::region).distinct().sorted().toList();
    }

    /** Creates the tables, fills them, and adds the view; runs in one transaction. */
    static void create(Connection c, LocalDate today) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE regions (name VARCHAR(40) PRIMARY KEY)");
            s.execute("CREATE TABLE countries (name VARCHAR(60) PRIMARY KEY, region VARCHAR(40) NOT NULL REFERENCES regions (name))");
            s.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, country VARCHAR(60) NOT NULL "
                    + "REFERENCES countries (name), segment VARCHAR(20) NOT NULL, signed_up_on DATE NOT NULL)");
            s.execute("CREATE TABLE products (id INTEGER PRIMARY KEY, name VARCHAR(60) NOT NULL, category VARCHAR(30) NOT NULL, "
                    + "list_price DECIMAL(10,2) NOT NULL)");
            s.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id), "
                    + "ordered_on DATE NOT NULL, channel VARCHAR(10) NOT NULL, status VARCHAR(10) NOT NULL)");
            s.execute("CREATE TABLE order_lines (order_id INTEGER NOT NULL REFERENCES orders (id), line_no INTEGER NOT NULL, "
                    + "product_id INTEGER NOT NULL REFERENCES products (id), quantity INTEGER NOT NULL, "
                    + "unit_price DECIMAL(10,2) NOT NULL, discount DECIMAL(4,2) NOT NULL, PRIMARY KEY (order_id, line_no))");
        }
        Random random = new Random(SEED);
        LocalDate first = today.minusYears(2).plusDays(1);
        int days = (int) (today.toEpochDay() - first.toEpochDay()) + 1;

        batch(c, "INSERT INTO regions VALUES (?)", COUNTRIES.stream().map(Country::region).distinct().toList(),
                (ps, region) -> ps.setString(1, region));
        batch(c, "INSERT INTO countries VALUES (?, ?)", COUNTRIES, (ps, country) -> {
            ps.setString(1, country.name());
            ps.setString(2, country.region());
        });
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO products VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < CATALOG.length; i++) {
                ps.setInt(1, i + 1);
                ps.setString(2, CATALOG[i][1]);
                ps.setString(3, CATALOG[i][0]);
                ps.setBigDecimal(4, new BigDecimal(CATALOG[i][2]));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        LocalDate[] signedUp = new LocalDate[CUSTOMERS + 1];
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO customers VALUES (?, ?, ?, ?, ?)")) {
            for (int id = 1; id <= CUSTOMERS; id++) {
                // Bigger markets get more customers: the list's order is a rough weight.
                Country country = COUNTRIES.get(Math.min(COUNTRIES.size() - 1, (int) Math.abs(random.nextGaussian() * 5)));
                signedUp[id] = first.minusDays(random.nextInt(400)).plusDays(random.nextInt(days));
                ps.setInt(1, id);
                ps.setString(2, FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)]);
                ps.setString(3, country.name());
                ps.setString(4, SEGMENTS[random.nextInt(10) < 6 ? 0 : random.nextInt(10) < 7 ? 1 : 2]);
                ps.setDate(5, java.sql.Date.valueOf(signedUp[id]));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement order = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?)");
                PreparedStatement line = c.prepareStatement("INSERT INTO order_lines VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int id = 1; id <= ORDERS; id++) {
                LocalDate day = orderDay(random, first, days);
                int customer = 1 + random.nextInt(CUSTOMERS);
                order.setInt(1, id);
                order.setInt(2, customer);
                order.setDate(3, java.sql.Date.valueOf(day));
                order.setString(4, CHANNELS[random.nextInt(10) < 5 ? 0 : random.nextInt(10) < 7 ? 1 : 2]);
                int fate = random.nextInt(100);
                order.setString(5, fate < 90 ? "completed" : fate < 96 ? "returned" : "cancelled");
                order.addBatch();
                int lines = 1 + Math.min(5, (int) Math.abs(random.nextGaussian() * 2));
                for (int n = 1; n <= lines; n++) {
                    int product = random.nextInt(CATALOG.length);
                    BigDecimal price = new BigDecimal(CATALOG[product][2]);
                    line.setInt(1, id);
                    line.setInt(2, n);
                    line.setInt(3, product + 1);
                    line.setInt(4, 1 + (random.nextInt(10) < 8 ? 0 : random.nextInt(4)));
                    line.setBigDecimal(5, price);
                    line.setBigDecimal(6, BigDecimal.valueOf(random.nextInt(10) < 7 ? 0 : 5 * (1 + random.nextInt(4)), 2));
                    line.addBatch();
                }
                if (id % 2000 == 0) {
                    order.executeBatch();
                    line.executeBatch();
                }
            }
            order.executeBatch();
            line.executeBatch();
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE VIEW sales AS SELECT o.id AS order_id, o.ordered_on, o.channel, o.status, c.id AS customer_id, "
                    + "c.name AS customer, c.segment, c.country, k.region, p.name AS product, p.category, l.quantity, "
                    + "CAST(l.quantity * l.unit_price * (1 - l.discount) AS DECIMAL(12,2)) AS revenue "
                    + "FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN customers c ON c.id = o.customer_id "
                    + "JOIN countries k ON k.name = c.country JOIN products p ON p.id = l.product_id");
        }
        c.commit();
    }

    /** A day with growth over the two years, a November–December peak and fewer orders at weekends. */
    private static LocalDate orderDay(Random random, LocalDate first, int days) {
        while (true) {
            int offset = random.nextInt(days);
            LocalDate day = first.plusDays(offset);
            double weight = 0.55 + 0.45 * offset / days;
            if (day.getMonthValue() >= 11) {
                weight *= 1.6;
            }
            if (day.getDayOfWeek().getValue() >= 6) {
                weight *= 0.7;
            }
            if (random.nextDouble() * 1.6 < weight) {
                return day;
            }
        }
    }

    private interface Binder<T> {
        void bind(PreparedStatement ps, T value) throws SQLException;
    }

    private static <T> void batch(Connection c, String sql, List<T> values, Binder<T> binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (T value : values) {
                binder.bind(ps, value);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
