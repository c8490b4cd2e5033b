package io.sightline.driver.derby.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.derby.drda.NetworkServerControl;
import org.apache.derby.jdbc.EmbeddedDriver;

/**
 * A Derby network server in the test JVM on a free loopback port, serving databases under
 * {@code derby.system.home} (set by the build to target/derby-home). Authentication is set per
 * database (BUILTIN users as database properties), so the embedded tests in the same JVM are not
 * affected by it.
 */
final class DerbyTestServer implements AutoCloseable {
    final int port;
    private final NetworkServerControl server;

    private DerbyTestServer(int port, NetworkServerControl server) {
        this.port = port;
        this.server = server;
    }

    static DerbyTestServer start() throws Exception {
        int port = freePort();
        NetworkServerControl server = new NetworkServerControl(InetAddress.getLoopbackAddress(), port);
        server.start(null);
        for (int i = 0; ; i++) {
            try {
                server.ping();
                break;
            } catch (Exception notYet) {
                if (i > 100) {
                    throw notYet;
                }
                Thread.sleep(100);
            }
        }
        return new DerbyTestServer(port, server);
    }

    static Path home() {
        return Path.of(System.getProperty("derby.system.home", "target/derby-home")).toAbsolutePath();
    }

    /** Creates a fresh database under derby.system.home, runs {@code setup} as {@code owner}, then shuts it down. */
    static void createDatabase(String name, String owner, String ownerPassword, String... setup) throws Exception {
        deleteTree(home().resolve(name));
        Properties credentials = new Properties();
        credentials.setProperty("user", owner);
        credentials.setProperty("password", ownerPassword);
        try (Connection c = new EmbeddedDriver().connect("jdbc:derby:" + name + ";create=true", credentials);
                Statement st = c.createStatement()) {
            for (String sql : setup) {
                st.execute(sql);
            }
        }
        shutdown("jdbc:derby:" + name, credentials);
    }

    /** Shuts an embedded database down, so that static database properties apply at its next boot. */
    static void shutdown(String url, Properties credentials) {
        try (Connection ignored = new EmbeddedDriver().connect(url + ";shutdown=true", credentials)) {
            throw new IllegalStateException("Derby did not shut the database down");
        } catch (SQLException expected) {
            if (!"08006".equals(expected.getSQLState())) {
                throw new IllegalStateException(expected);
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void deleteTree(Path path) throws IOException {
        if (Files.exists(path)) {
            try (Stream<Path> files = Files.walk(path)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Override
    public void close() throws Exception {
        server.shutdown();
    }
}
