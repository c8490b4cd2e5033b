package io.sightline.vault.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master keys, kept outside the database (SPEC V-3): in a key file readable by its owner only,
 * created on first start, or in an environment variable. The file may hold several keys during a
 * rotation; one is active. Key material never appears in a log line or an exception message.
 *
 * <p>File format (lines): {@code active = <id>} and {@code <id> = <base64 of 32 bytes>}.
 */
final class MasterKeys {
    enum Source { FILE, ENVIRONMENT }

    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Source source;
    private volatile Map<String, SecretKey> keys;
    private volatile String activeId;

    private MasterKeys(Path file, Source source, Map<String, SecretKey> keys, String activeId) {
        this.file = file;
        this.source = source;
        this.keys = keys;
        this.activeId = activeId;
    }

    /**
     * From the environment variable's value when it is set (base64 of 32 bytes), otherwise from the
     * key file, created with a fresh key when missing.
     */
    static MasterKeys load(Path file, String environmentValue) throws IOException {
        if (environmentValue != null && !environmentValue.isBlank()) {
            byte[] raw = decode(environmentValue.trim(), "the master key environment variable");
            String id = "env-" + HexFormat.of().formatHex(sha256(raw), 0, 6);
            return new MasterKeys(null, Source.ENVIRONMENT, Map.of(id, new SecretKeySpec(raw, "AES")), id);
        }
        if (!Files.exists(file)) {
            String id = newId();
            write(file, Map.of(id, newKey()), id);
        }
        return read(file);
    }

    private static MasterKeys read(Path file) throws IOException {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        String active = null;
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            lineNumber++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            int eq = text.indexOf('=');
            if (eq < 1) {
                throw new IOException("Master key file " + file + ", line " + lineNumber + ": expected 'name = value'");
            }
            String name = text.substring(0, eq).strip();
            String value = text.substring(eq + 1).strip();
            if (name.equals("active")) {
                active = value;
            } else {
                keys.put(name, new SecretKeySpec(decode(value, "master key file " + file + ", line " + lineNumber), "AES"));
            }
        }
        if (active == null || !keys.containsKey(active)) {
            throw new IOException("Master key file " + file + " names no active key that it holds; restore it from a backup");
        }
        return new MasterKeys(file, Source.FILE, keys, active);
    }

    private static byte[] decode(String base64, String where) throws IOException {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ": not base64");
        }
        if (raw.length != KEY_BYTES) {
            throw new IOException(where + ": a master key is 32 bytes (base64 of 32 random bytes), found " + raw.length);
        }
        return raw;
    }

    Source source() {
        return source;
    }

    String activeId() {
        return activeId;
    }

    SecretKey active() {
        return keys.get(activeId);
    }

    /** @throws SecurityException when the key is not here (a data key wrapped by a lost master key) */
    SecretKey get(String id) {
        SecretKey key = keys.get(id);
        if (key == null) {
            throw new SecurityException("master key " + id + " is missing from " + where()
                    + "; restore the key file that belongs to this database");
        }
        return key;
    }

    Set<String> ids() {
        return keys.keySet();
    }

    String where() {
        return source == Source.FILE ? file.toString() : "the environment";
    }

    /** Adds a fresh key and makes it the active one (written to the file before it is used). */
    synchronized String addActive() throws IOException {
        requireFile();
        Map<String, SecretKey> next = new LinkedHashMap<>(keys);
        String id = newId();
        next.put(id, newKey());
        write(file, next, id);
        keys = next;
        activeId = id;
        return id;
    }

    /** Drops the keys not in {@code inUse}, keeping the active one. */
    synchronized List<String> retainOnly(Set<String> inUse) throws IOException {
        requireFile();
        Map<String, SecretKey> next = new LinkedHashMap<>();
        List<String> removed = new ArrayList<>();
        keys.forEach((id, key) -> {
            if (id.equals(activeId) || inUse.contains(id)) {
                next.put(id, key);
            } else {
                removed.add(id);
            }
        });
        if (!removed.isEmpty()) {
            write(file, next, activeId);
            keys = next;
        }
        return removed;
    }

    private void requireFile() {
        if (source != Source.FILE) {
            throw new IllegalStateException("The master key comes from the environment, so Sightline cannot rotate it. "
                    + "Move it to the key file (see docs/security.md) or set a new value and restart.");
        }
    }

    /** Writes the whole file owner-only, to a temporary file first, then moves it into place. */
    private static void write(Path file, Map<String, SecretKey> keys, String activeId) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            if (posix) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        }
        StringBuilder text = new StringBuilder()
                .append("# Sightline vault master keys (SPEC V-3). Keep this file secret and back it up apart from\n")
                .append("# the database backups: without it no stored secret can be decrypted.\n")
                .append("active = ").append(activeId).append('\n');
        keys.forEach((id, key) -> text.append(id).append(" = ")
                .append(Base64.getEncoder().encodeToString(key.getEncoded())).append('\n'));
        Path temporary = posix
                ? Files.createTempFile(dir, ".vault-", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".vault-", ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.US_ASCII);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static String newId() {
        byte[] suffix = new byte[3];
        RANDOM.nextBytes(suffix);
        return "mk-" + LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE) + "-" + HexFormat.of().formatHex(suffix);
    }

    static SecretKey newKey() {
        byte[] raw = new byte[KEY_BYTES];
        RANDOM.nextBytes(raw);
        return new SecretKeySpec(raw, "AES");
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
