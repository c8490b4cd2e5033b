package io.sightline.driver.h2.internal;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.sightline.api.driver.ConnectionSpec;
import io.sightline.api.driver.InvalidConnectionOptionException;
import io.sightline.api.driver.TlsSettings;
import io.sightline.driver.support.ConnectionSpecChecks;
import io.sightline.driver.support.EmbeddedDirectory;

/**
 * What an H2 data source may say (SPEC DS-7). H2 reads settings from its URL, and many of them run
 * code or touch files ({@code INIT=RUNSCRIPT FROM 'http://...'}, {@code TRACE_LEVEL_FILE},
 * {@code DATABASE_EVENT_LISTENER}, {@code AUTHENTICATOR}, ...), also when smuggled into the database
 * name after a {@code ;}. So the URL is built by {@link H2DataSource} from checked parts only: a
 * database name of letters, digits, '_', '-' and '/', and the few settings of this allow-list, each
 * with a value of a fixed form.
 */
final class H2Validation {
    static final String MODE = "MODE";
    static final String SCHEMA = "SCHEMA";
    static final String LOCK_TIMEOUT = "LOCK_TIMEOUT";

    static final List<String> MODES = List.of("REGULAR", "STRICT", "LEGACY", "DB2", "Derby", "HSQLDB", "MSSQLServer",
            "MariaDB", "MySQL", "Oracle", "PostgreSQL");
    static final int MAX_LOCK_TIMEOUT = 600_000;

    static final Map<String, String> ALLOWED;
    static {
        Map<String, String> allowed = new LinkedHashMap<>();
        allowed.put(MODE, "SQL compatibility mode of the session: " + String.join(", ", MODES) + ".");
        allowed.put(SCHEMA, "Default schema of the session: a schema name of letters, digits and '_'.");
        allowed.put(LOCK_TIMEOUT, "How long a statement waits for a locked row, in milliseconds (0 to "
                + MAX_LOCK_TIMEOUT + ").");
        ALLOWED = Collections.unmodifiableMap(allowed);
    }

    /** Known settings that are refused, with the reason in plain words. Keys in upper case. */
    private static final Map<String, String> REFUSED = new TreeMap<>();
    static {
        refuse("Runs SQL on the server when connecting, and through RUNSCRIPT scripts from files or URLs.",
                "INIT", "RUNSCRIPT");
        refuse("Writes trace files.", "TRACE_LEVEL_FILE", "TRACE_LEVEL_SYSTEM_OUT", "TRACE_MAX_FILE_SIZE");
        refuse("Loads and runs a Java class of the given name.", "DATABASE_EVENT_LISTENER", "AUTHENTICATOR",
                "JAVA_OBJECT_SERIALIZER", "AUTHREALM", "AUTHZPWD", "BUILTIN_ALIAS_OVERRIDE");
        refuse("Sightline never creates H2 databases: it opens existing ones only (IFEXISTS=TRUE). Create the"
                + " database on the H2 server first.", "IFEXISTS", "FORBID_CREATION", "OPEN_NEW", "CREATE");
        refuse("ACCESS_MODE_DATA is a setting of the whole database, not of a session: over TCP it is ignored when"
                + " the database is already open, and otherwise makes it read-only for every application until it"
                + " closes. Sightline sets it itself for embedded databases. Use an H2 user with SELECT rights only.",
                "ACCESS_MODE_DATA");
        refuse("Use the data source's user and password fields instead.", "USER", "PASSWORD", "PASSWORD_HASH");
        refuse("Encrypted database files are not supported.", "CIPHER");
        refuse("Changes how the database files are opened or kept, for every user of the database.", "AUTO_SERVER",
                "AUTO_SERVER_PORT", "FILE_LOCK", "DB_CLOSE_DELAY", "DB_CLOSE_ON_EXIT", "CACHE_TYPE", "CACHE_SIZE",
                "RECOVER", "RECOVER_TEST", "PAGE_SIZE", "MV_STORE", "WRITE_DELAY", "LOG", "EXCLUSIVE", "JMX",
                "NO_UPGRADE", "OLD_INFORMATION_SCHEMA", "MAX_MEMORY_ROWS", "MAX_LENGTH_INPLACE_LOB",
                "RETENTION_TIME", "DEFRAG_ALWAYS");
        refuse("Reconnecting silently could repeat statements; Sightline's pool opens new connections instead.",
                "AUTO_RECONNECT");
        refuse("Sightline sets the network timeout from the data source's connect timeout.", "NETWORK_TIMEOUT");
        refuse("Unknown settings must not be ignored.", "IGNORE_UNKNOWN_SETTINGS");
    }

    private static void refuse(String reason, String... names) {
        for (String name : names) {
            REFUSED.put(name, reason);
        }
    }

    /** TCP database names: a path below the H2 server's base directory. */
    private static final Pattern NETWORK_DATABASE = Pattern.compile("[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*");
    static final Pattern EMBEDDED_SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");
    static final String NAME_RULE = "use letters, digits, '_' and '-', with '/' between folders"
            + " (no ';', ':', '.', '~', spaces or settings).";
    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    static final int MAX_DATABASE = 255;
    /** Longest user name Sightline accepts (H2 itself has no limit). */
    static final int MAX_USER = 128;
    /** Files next to an embedded database's path that H2 opens or writes. */
    static final String[] EMBEDDED_FILES = {".mv.db", ".trace.db", ".lock.db"};

    private H2Validation() {}

    static boolean embedded(ConnectionSpec spec) {
        return ConnectionSpecChecks.isBlank(spec.host());
    }

    static void validate(ConnectionSpec spec, boolean operatorDefined) {
        if (spec == null) {
            throw new InvalidConnectionOptionException("host", "The data source is missing.");
        }
        ConnectionSpecChecks.refuseClientCertificate(spec.tls(), "H2");
        if (embedded(spec)) {
            if (!operatorDefined) {
                throw new InvalidConnectionOptionException("host", "Host is required: Sightline reaches H2"
                        + " databases over the network, through an H2 TCP server. Embedded databases on the"
                        + " Sightline server itself are only for data sources that operators define in etc/.");
            }
            embeddedPath(spec);
        } else {
            ConnectionSpecChecks.checkHost(spec.host());
            ConnectionSpecChecks.checkPort(spec.port());
            database(spec.database());
        }
        tls(spec.tls());
        ConnectionSpecChecks.checkName("user", spec.user(), "user name", MAX_USER);
        options(spec.options());
    }

    static Path embeddedPath(ConnectionSpec spec) {
        String database = spec.database();
        if (database != null && (database.indexOf(';') >= 0 || database.indexOf(':') >= 0)) {
            throw new InvalidConnectionOptionException("database", "Database name: " + NAME_RULE);
        }
        return EmbeddedDirectory.resolve(database, EMBEDDED_SEGMENT, NAME_RULE, EMBEDDED_FILES);
    }

    private static void database(String database) {
        if (ConnectionSpecChecks.isBlank(database)) {
            throw new InvalidConnectionOptionException("database",
                    "Database is required: its name on the H2 server, below the server's base directory.");
        }
        if (database.length() > MAX_DATABASE) {
            throw new InvalidConnectionOptionException("database",
                    "Database name is too long: at most " + MAX_DATABASE + " characters.");
        }
        if (database.indexOf(';') >= 0) {
            throw new InvalidConnectionOptionException("database", "Database name must not contain ';': H2 would"
                    + " read what follows as settings. Settings go in the options, and only the allowed ones.");
        }
        if (database.indexOf(':') >= 0) {
            throw new InvalidConnectionOptionException("database", "Database name must not contain ':'"
                    + " (mem:, file:, zip: and the like are not allowed): give the database's name on the H2 server.");
        }
        if (!NETWORK_DATABASE.matcher(database).matches()) {
            throw new InvalidConnectionOptionException("database", "Database name: " + NAME_RULE);
        }
    }

    private static void tls(TlsSettings tls) {
        if (tls.mode() != TlsSettings.Mode.DISABLE) {
            throw new InvalidConnectionOptionException("tls", "TLS to H2 is not supported: H2's TLS client (ssl:"
                    + " URLs) changes TLS settings of the whole Sightline server (it writes a key store with H2's"
                    + " built-in key to the home folder and makes it the JVM's default) and cannot check the"
                    + " server's certificate per data source. Connect through an SSH tunnel instead.");
        }
    }

    private static void options(Map<String, String> options) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Map.Entry<String, String> option : new TreeMap<>(options).entrySet()) {
            String name = option.getKey();
            String key = name.trim().toUpperCase(Locale.ROOT);
            String value = option.getValue().trim();
            if (!seen.add(key)) {
                throw new InvalidConnectionOptionException(name, "Option " + key + " is given twice.");
            }
            if (!ALLOWED.containsKey(key)) {
                String reason = REFUSED.get(key);
                throw new InvalidConnectionOptionException(name, reason != null
                        ? "Option " + name + " is not allowed. " + reason
                        : "Option " + name + " is not an H2 setting Sightline allows. Allowed: "
                                + String.join(", ", ALLOWED.keySet()) + ".");
            }
            switch (key) {
                case MODE -> {
                    if (canonicalMode(value) == null) {
                        throw new InvalidConnectionOptionException(name, "MODE must be one of "
                                + String.join(", ", MODES) + ".");
                    }
                }
                case SCHEMA -> {
                    if (!SCHEMA_NAME.matcher(value).matches()) {
                        throw new InvalidConnectionOptionException(name,
                                "SCHEMA must be a schema name of letters, digits and '_' (at most 128).");
                    }
                }
                case LOCK_TIMEOUT -> {
                    if (!value.matches("[0-9]{1,6}") || Integer.parseInt(value) > MAX_LOCK_TIMEOUT) {
                        throw new InvalidConnectionOptionException(name,
                                "LOCK_TIMEOUT must be a number of milliseconds from 0 to " + MAX_LOCK_TIMEOUT + ".");
                    }
                }
                default -> throw new IllegalStateException(key);
            }
        }
    }

    static String canonicalMode(String value) {
        for (String mode : MODES) {
            if (mode.equalsIgnoreCase(value.trim())) {
                return mode;
            }
        }
        return null;
    }

    /** The allowed settings as URL text, e.g. {@code ;MODE=PostgreSQL;SCHEMA=SALES}, in a stable order. */
    static String settings(Map<String, String> options) {
        StringBuilder url = new StringBuilder();
        for (Map.Entry<String, String> option : new TreeMap<>(options).entrySet()) {
            String key = option.getKey().trim().toUpperCase(Locale.ROOT);
            String value = option.getValue().trim();
            url.append(';').append(key).append('=').append(key.equals(MODE) ? canonicalMode(value) : value);
        }
        return url.toString();
    }
}
