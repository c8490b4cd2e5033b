package io.sightline.driver.postgresql.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * pgjdbc reads a custom certificate authority only from a file ({@code sslrootcert}). The PEM is
 * public, so it is written in clear to {@code ${karaf.data}/sightline/tls/<sha-256>.pem} (or under
 * {@code java.io.tmpdir} outside Karaf), once per certificate. An existing file is used only if it
 * holds exactly this PEM; otherwise it is replaced, so a file planted under the expected name
 * cannot swap the authority.
 */
final class CaCertificateFile {
    private CaCertificateFile() {}

    static Path directory() {
        String karafData = System.getProperty("karaf.data");
        Path base = karafData == null || karafData.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"))
                : Path.of(karafData);
        return base.resolve("sightline").resolve("tls");
    }

    /** The file holding {@code pem}, written if missing or different. */
    static Path fileFor(String pem) {
        byte[] content = pem.strip().concat("\n").getBytes(StandardCharsets.US_ASCII);
        Path dir = directory();
        Path file = dir.resolve(sha256(content) + ".pem");
        try {
            if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), content)) {
                return file;
            }
            Files.createDirectories(dir);
            Path temporary = Files.createTempFile(dir, "ca-", ".tmp");
            try {
                Files.write(temporary, content);
                try {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the CA certificate to " + file, e);
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JVM", e);
        }
    }
}
