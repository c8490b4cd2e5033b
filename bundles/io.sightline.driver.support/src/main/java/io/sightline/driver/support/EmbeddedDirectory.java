package io.sightline.driver.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

import io.sightline.api.driver.InvalidConnectionOptionException;

/**
 * The one folder where embedded databases may live: {@code ${karaf.data}/sightline/embedded/}
 * (SPEC DS-1: only operator-defined data sources are embedded, and even they stay in this folder).
 * A database name is resolved inside it; {@code ..}, absolute paths elsewhere and symbolic links
 * leading out are refused, on the field {@code database}.
 *
 * <p>Why here: every driver with an embedded mode (Derby, H2) must keep its databases in this
 * folder; each passes the name rule of its own database. Drivers call {@link #resolve} again at
 * each connection, as links can change after validation. Stateless and thread-safe; reads the
 * system property {@code karaf.data} and the file system at each call.
 */
public final class EmbeddedDirectory {
    /** The system property naming Karaf's data folder. */
    public static final String KARAF_DATA = "karaf.data";
    /** Longest database name. */
    public static final int MAX_NAME = 255;

    private EmbeddedDirectory() {}

    /** The folder, absolute and normalized; refused when {@code karaf.data} is not set. */
    public static Path base() {
        String data = System.getProperty(KARAF_DATA);
        if (ConnectionSpecChecks.isBlank(data)) {
            throw new InvalidConnectionOptionException("database",
                    "Embedded databases are only available inside the Sightline server (karaf.data is not set).");
        }
        return Path.of(data).toAbsolutePath().normalize().resolve("sightline").resolve("embedded");
    }

    /**
     * Resolves {@code database} inside {@link #base()}: a name relative to it, or an absolute path
     * below it.
     *
     * @param segment the pattern each path segment must match
     * @param segmentRule that pattern in words, for the refusal ("Database name: " + rule)
     * @param siblings suffixes of files next to the resolved path that the database opens (H2:
     *     {@code .mv.db}); each must not be a link leading out either
     * @return the absolute, normalized path, inside {@link #base()}
     */
    public static Path resolve(String database, Pattern segment, String segmentRule, String... siblings) {
        Path base = base();
        if (ConnectionSpecChecks.isBlank(database)) {
            throw new InvalidConnectionOptionException("database",
                    "Database is required: the name of the embedded database, inside " + base + ".");
        }
        if (database.length() > MAX_NAME) {
            throw new InvalidConnectionOptionException("database",
                    "Database name is too long: at most " + MAX_NAME + " characters.");
        }
        if (hasDotSegment(database)) {
            throw dotDot();
        }
        String relative = database;
        if (database.startsWith("/") || database.startsWith("\\") || isAbsolute(database)) {
            Path absolute;
            try {
                absolute = Path.of(database).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                throw new InvalidConnectionOptionException("database", "Database name: " + segmentRule);
            }
            if (!absolute.startsWith(base) || absolute.equals(base)) {
                throw new InvalidConnectionOptionException("database", "Embedded databases must be inside " + base
                        + "; give the database's name relative to that folder.");
            }
            relative = base.relativize(absolute).toString().replace('\\', '/');
        }
        for (String part : relative.split("/", -1)) {
            if (!segment.matcher(part).matches()) {
                throw new InvalidConnectionOptionException("database", "Database name: " + segmentRule);
            }
        }
        Path target = base.resolve(relative).normalize();
        if (!target.startsWith(base) || target.equals(base)) {
            throw dotDot();
        }
        if (target.toString().indexOf(';') >= 0) {
            throw new InvalidConnectionOptionException("database",
                    "The embedded folder " + base + " contains ';', which a JDBC URL cannot carry.");
        }
        Path realBase = realPath(base);
        if (!realPath(target).startsWith(realBase)) {
            throw linkOut(base);
        }
        for (String suffix : siblings) {
            Path sibling = Path.of(target + suffix);
            if (Files.exists(sibling, LinkOption.NOFOLLOW_LINKS) && !realPath(sibling).startsWith(realBase)) {
                throw linkOut(base);
            }
        }
        return target;
    }

    private static boolean isAbsolute(String path) {
        try {
            return Path.of(path).isAbsolute();
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static boolean hasDotSegment(String path) {
        for (String part : path.split("[/\\\\]", -1)) {
            if (part.equals("..") || part.equals(".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The real path of {@code path}: of its deepest existing ancestor, with the rest appended. A
     * link that leads nowhere is refused, since creating the database would follow it.
     */
    private static Path realPath(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            if (Files.isSymbolicLink(existing)) {
                throw new InvalidConnectionOptionException("database",
                        "The embedded database path contains a symbolic link that leads nowhere: " + existing + ".");
            }
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(path)).normalize();
        } catch (IOException e) {
            throw new InvalidConnectionOptionException("database",
                    "The embedded database path cannot be checked: " + e.getMessage());
        }
    }

    private static InvalidConnectionOptionException dotDot() {
        return new InvalidConnectionOptionException("database",
                "Database name must not contain '..' or '.' folders: embedded databases stay inside "
                        + "the embedded folder.");
    }

    private static InvalidConnectionOptionException linkOut(Path base) {
        return new InvalidConnectionOptionException("database",
                "The embedded database path leads out of " + base + " through a symbolic link.");
    }
}
