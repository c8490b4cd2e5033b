package io.sightline.driver.postgresql.internal;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server owned by one test class (initdb into a temporary folder, as the karaf-assembly's
 * TlsPostgres does; as root its binaries run as the {@code postgres} user), with TLS on and client
 * certificates required: {@code hostssl all all 127.0.0.0/8 cert}, so a login needs a certificate
 * signed by the test CA whose common name is the user. The superuser {@code postgres} may log in
 * from 127.0.0.1 without one, for setting up roles. Listens on 127.0.0.1 and 127.0.0.2; the server
 * certificate names localhost and 127.0.0.1 only.
 *
 * <p>Also used by the karaf-assembly integration tests (this module's test-jar).
 *
 * <p>Certificates, made by openssl: {@code ca.crt} (the CA, also the server's {@code ssl_ca_file}),
 * {@code server.crt}; client certificates signed by the CA: {@code ann.crt} with {@code ann.key}
 * (RSA, PKCS#8), {@code ann-ec.crt} with {@code ann-ec.key} (EC, SEC1 "BEGIN EC PRIVATE KEY"),
 * {@code ann-rsa1.key} (ann's key as PKCS#1 "BEGIN RSA PRIVATE KEY"), {@code bob.crt}/{@code bob.key};
 * and {@code rogue-ca.crt} with {@code rogue-ann.crt}/{@code rogue-ann.key}, a CN=ann certificate
 * from an authority the server does not trust.
 */
public final class ClientCertificatePostgres implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    public static final String OTHER_ADDRESS = "127.0.0.2";

    public final int port;
    public final Path dir;
    private final Path bin;
    private final boolean root;

    private ClientCertificatePostgres(Path dir, Path bin, int port, boolean root) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
        this.root = root;
    }

    public static ClientCertificatePostgres start() throws IOException, InterruptedException {
        Path bin;
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.naturalOrder())
                    .orElseThrow(() -> new AssertionError("PostgreSQL binaries (initdb) not found under /usr/lib/postgresql"));
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("sightline-pg-client-cert");
        Path data = dir.resolve("data");
        certificates(dir);
        if (root) {
            run(dir, List.of("chown", "-R", "postgres:postgres", dir.toString()));
        }
        run(dir, as(root, bin.resolve("initdb").toString(), "-D", data.toString(), "--auth=trust", "-U", "postgres",
                "--no-sync"));
        Files.writeString(data.resolve("pg_hba.conf"), """
                local all all trust
                host all postgres 127.0.0.1/32 trust
                hostssl all all 127.0.0.0/8 cert
                """);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ClientCertificatePostgres server = new ClientCertificatePostgres(dir, bin, port, root);
        run(dir, as(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60", "-l",
                dir.resolve("server.log").toString(), "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=" + HOST + "," + OTHER_ADDRESS
                        + " -c ssl=on -c ssl_cert_file=" + dir.resolve("server.crt") + " -c ssl_key_file="
                        + dir.resolve("server.key") + " -c ssl_ca_file=" + dir.resolve("ca.crt") + " -c fsync=off",
                "start"));
        try (Connection admin = server.admin(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE ann LOGIN");
            statement.execute("CREATE ROLE bob LOGIN");
        } catch (SQLException e) {
            server.close();
            throw new AssertionError("Could not set up the test server: " + e.getMessage(), e);
        }
        return server;
    }

    private static void certificates(Path dir) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Sightline test CA",
                "-keyout", "ca.key", "-out", "ca.crt");
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Rogue CA",
                "-keyout", "rogue-ca.key", "-out", "rogue-ca.crt");
        signed(dir, "server", "localhost", "ca", "server.ext", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key");
        signed(dir, "ann", "ann", "ca", "client.ext", "-newkey", "rsa:2048", "-nodes", "-keyout", "ann.key");
        signed(dir, "bob", "bob", "ca", "client.ext", "-newkey", "rsa:2048", "-nodes", "-keyout", "bob.key");
        signed(dir, "rogue-ann", "ann", "rogue-ca", "client.ext", "-newkey", "rsa:2048", "-nodes", "-keyout", "rogue-ann.key");
        openssl(dir, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ann-ec.key");
        signed(dir, "ann-ec", "ann", "ca", "client.ext", "-key", "ann-ec.key");
        openssl(dir, "pkey", "-in", "ann.key", "-traditional", "-out", "ann-rsa1.key");
        Files.setPosixFilePermissions(dir.resolve("server.key"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    /** {@code name}.crt for CN={@code cn}, signed by {@code ca}; {@code keyArgs} make or name the key. */
    private static void signed(Path dir, String name, String cn, String ca, String extensions, String... keyArgs)
            throws IOException, InterruptedException {
        List<String> request = new ArrayList<>(List.of("req", "-new", "-subj", "/CN=" + cn, "-out", name + ".csr"));
        request.addAll(List.of(keyArgs));
        openssl(dir, request.toArray(String[]::new));
        openssl(dir, "x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key", "-CAcreateserial",
                "-days", "2", "-extfile", extensions, "-out", name + ".crt");
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        run(dir, command);
    }

    public String read(String file) {
        try {
            return Files.readString(dir.resolve(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The superuser, without TLS (pg_hba's host line), opened without the code under test. */
    public Connection admin() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("password", "");
        props.setProperty("sslmode", "disable");
        props.setProperty("connectTimeout", "5");
        return new org.postgresql.Driver().connect("jdbc:postgresql://" + HOST + ":" + port + "/postgres", props);
    }

    private static List<String> as(boolean root, String... command) {
        List<String> all = new ArrayList<>();
        if (root) {
            all.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        all.addAll(List.of(command));
        return all;
    }

    private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        File log = dir.resolve("commands.log").toFile();
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " failed: " + Files.readString(log.toPath()));
        }
    }

    /** The server's log, for failure messages. */
    public String log() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run(dir, as(root, bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate",
                    "stop"));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
