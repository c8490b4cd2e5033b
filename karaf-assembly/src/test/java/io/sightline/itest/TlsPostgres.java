package io.sightline.itest;

import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server owned by one test, with TLS on and a certificate made for it (CN and SAN
 * localhost / 127.0.0.1; it also listens on 127.0.0.2, a name its certificate lacks), so TLS modes can be tested without changing the machine's own server.
 * Uses the installed PostgreSQL binaries; as root, they run as the {@code postgres} user.
 */
final class TlsPostgres implements AutoCloseable {
    final int port;
    final String certificatePem;
    private final Path dir;
    private final Path bin;

    private TlsPostgres(Path dir, Path bin, int port, String certificatePem) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
        this.certificatePem = certificatePem;
    }

    static TlsPostgres start() throws IOException, InterruptedException {
        Path bin;
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.naturalOrder())
                    .orElseThrow(() -> new AssertionError("PostgreSQL binaries (initdb) not found under /usr/lib/postgresql"));
        }
        Path dir = Files.createTempDirectory("sightline-tls-pg");
        Path data = dir.resolve("data");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            run(dir, List.of("chown", "postgres:postgres", dir.toString()));
        }
        run(dir, as(root, bin.resolve("initdb").toString(), "-D", data.toString(), "--auth=trust", "-U", "postgres", "--no-sync"));
        run(dir, as(root, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", data.resolve("server.key").toString(), "-out", data.resolve("server.crt").toString()));
        int port = Distribution.freePort();
        run(dir, as(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60", "-l",
                dir.resolve("server.log").toString(), "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1,127.0.0.2 -c ssl=on -c fsync=off", "start"));
        String pem = Files.readString(data.resolve("server.crt"), StandardCharsets.US_ASCII);
        return new TlsPostgres(dir, bin, port, pem);
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
            fail(String.join(" ", command) + " failed: " + Files.readString(log.toPath()));
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        run(dir, as(root, bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "stop"));
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
