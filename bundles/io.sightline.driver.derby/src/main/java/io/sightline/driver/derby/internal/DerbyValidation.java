package io.sightline.driver.derby.internal;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
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
 * What a Derby data source may say (SPEC DS-7): an allow-list of connection attributes with checked
 * values, and the rules for host, port, database and user. Derby's dangerous attributes (create,
 * restore and recovery from paths, log devices, trace files, shutdown, boot passwords) are not on
 * the list; the best known of them get a reason of their own.
 */
final class DerbyValidation {
    static final String CREATE = "create";
    static final String RETRIEVE_MESSAGE_TEXT = "retrieveMessageText";

    static final Map<String, String> ALLOWED;
    static {
        Map<String, String> allowed = new LinkedHashMap<>();
        allowed.put(RETRIEVE_MESSAGE_TEXT, "Network: fetch the server's text of error messages: true (default) or false.");
        allowed.put(CREATE, "Operator-defined embedded databases only: true creates the database on first connection.");
        ALLOWED = Collections.unmodifiableMap(allowed);
    }

    /** Known attributes that are refused, with the reason in plain words. Keys in lower case. */
    private static final Map<String, String> REFUSED = new TreeMap<>();
    static {
        String path = " reads or writes files on the database server's file system.";
        refuse("Restores a database from a backup folder: it" + path, "restoreFrom", "createFrom",
                "rollForwardRecoveryFrom");
        refuse("Moves the database log to another folder: it" + path, "logDevice");
        refuse("Writes a trace file on the Sightline server.", "traceFile", "traceDirectory", "traceFileAppend",
                "traceLevel");
        refuse("Shuts the database or Derby down for everyone who uses it.", "shutdown", "deregister", "drop");
        refuse("Boot passwords and encryption keys are secrets, and connection options are not stored as secrets."
                + " Boot the encrypted database on the server (for example with derby.system.bootAll), then connect.",
                "bootPassword", "newBootPassword", "encryptionKey", "newEncryptionKey", "dataEncryption",
                "encryptionAlgorithm", "encryptionProvider", "encryptionKeyLength", "decryptDatabase");
        refuse("Upgrades the database files to a newer format, which cannot be undone: ask the database's owner.",
                "upgrade");
        refuse("Replication is managed on the database servers, not by Sightline.", "failover", "startSlave",
                "stopSlave", "slaveHost", "slavePort", "startMaster", "stopMaster", "replication");
        refuse("Only applies when a database is created.", "territory", "collation");
        refuse("Use the data source's TLS setting instead.", "ssl");
        refuse("Use the data source's user and password fields instead.", "user", "password");
        refuse("Sightline sets the login timeout from the data source's connect timeout.", "loginTimeout");
        refuse("Derby's other password mechanisms do not work with the password hashing of current Derby"
                + " versions (strong password substitute) or need an IBM JCE (encrypted user and password);"
                + " use TLS to protect the password.", "securityMechanism");
    }

    private static void refuse(String reason, String... names) {
        for (String name : names) {
            REFUSED.put(name.toLowerCase(Locale.ROOT), reason);
        }
    }

    /**
     * Network database names: the database's path on the Derby server, relative to its
     * derby.system.home or absolute; segments of letters, digits, '_', '-' and '.', no '..', no ';'
     * (attributes) and no ':' (sub-protocols such as memory: or jar:).
     */
    private static final Pattern NETWORK_DATABASE =
            Pattern.compile("/?[A-Za-z0-9_][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_][A-Za-z0-9_.-]*)*");
    static final Pattern EMBEDDED_SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    static final String EMBEDDED_RULE = "use letters, digits, '_', '-' and '.', with '/' between folders"
            + " (no '..', ';', ':' or spaces).";
    static final int MAX_DATABASE = 255;
    /** Derby's authorization identifiers are at most 128 characters. */
    static final int MAX_USER = 128;

    private DerbyValidation() {}

    /** An embedded database is asked for by leaving the host empty. */
    static boolean embedded(ConnectionSpec spec) {
        return ConnectionSpecChecks.isBlank(spec.host());
    }

    static void validate(ConnectionSpec spec, boolean operatorDefined) {
        if (spec == null) {
            throw new InvalidConnectionOptionException("host", "The data source is missing.");
        }
        ConnectionSpecChecks.refuseClientCertificate(spec.tls(), "Derby");
        if (embedded(spec)) {
            if (!operatorDefined) {
                throw new InvalidConnectionOptionException("host", "Host is required: Sightline reaches Derby"
                        + " databases over the network, through a Derby network server. Embedded databases on the"
                        + " Sightline server itself are only for data sources that operators define in etc/.");
            }
            if (spec.tls().mode() != TlsSettings.Mode.DISABLE) {
                throw new InvalidConnectionOptionException("tls",
                        "TLS does not apply to an embedded database, which is opened inside the Sightline server.");
            }
            embeddedPath(spec);
        } else {
            ConnectionSpecChecks.checkHost(spec.host());
            ConnectionSpecChecks.checkPort(spec.port());
            database(spec.database());
            tls(spec.tls());
        }
        ConnectionSpecChecks.checkName("user", spec.user(), "user name", MAX_USER);
        options(spec.options(), embedded(spec) && operatorDefined);
    }

    static Path embeddedPath(ConnectionSpec spec) {
        return EmbeddedDirectory.resolve(spec.database(), EMBEDDED_SEGMENT, EMBEDDED_RULE);
    }

    private static void database(String database) {
        if (ConnectionSpecChecks.isBlank(database)) {
            throw new InvalidConnectionOptionException("database", "Database is required: its name on the Derby server.");
        }
        if (database.length() > MAX_DATABASE) {
            throw new InvalidConnectionOptionException("database",
                    "Database name is too long: at most " + MAX_DATABASE + " characters.");
        }
        if (database.indexOf(';') >= 0) {
            throw new InvalidConnectionOptionException("database", "Database name must not contain ';':"
                    + " connection attributes go in the options, and only the allowed ones.");
        }
        if (!NETWORK_DATABASE.matcher(database).matches()) {
            throw new InvalidConnectionOptionException("database", "Database name: use letters, digits, '_', '-'"
                    + " and '.', with '/' between folders (no '..', ':', ';' or spaces).");
        }
    }

    private static void tls(TlsSettings tls) {
        switch (tls.mode()) {
            case DISABLE, REQUIRE -> { }
            case VERIFY_CA -> {
                if (tls.caCertificatePem() != null && !tls.caCertificatePem().isBlank()) {
                    throw new InvalidConnectionOptionException("tls", "The Derby network client checks certificates"
                            + " only against the Java trust store of the Sightline server, not against a CA"
                            + " certificate of the data source. Add the CA to that trust store and leave the CA"
                            + " certificate empty, or connect through an SSH tunnel.");
                }
            }
            case VERIFY_FULL -> throw new InvalidConnectionOptionException("tls", "The Derby network client cannot"
                    + " check that the server's certificate names the host (verify-full). Choose verify-ca, or"
                    + " connect through an SSH tunnel.");
        }
    }

    private static void options(Map<String, String> options, boolean operatorEmbedded) {
        for (Map.Entry<String, String> option : new TreeMap<>(options).entrySet()) {
            String name = option.getKey();
            String value = option.getValue() == null ? "" : option.getValue().trim();
            if (!ALLOWED.containsKey(name)) {
                String reason = name == null ? null : REFUSED.get(name.toLowerCase(Locale.ROOT));
                throw new InvalidConnectionOptionException(name, reason != null
                        ? "Option " + name + " is not allowed. " + reason
                        : "Option " + name + " is not a Derby option Sightline allows. Allowed: "
                                + String.join(", ", ALLOWED.keySet()) + ".");
            }
            switch (name) {
                case RETRIEVE_MESSAGE_TEXT -> {
                    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                        throw new InvalidConnectionOptionException(name, name + " must be true or false.");
                    }
                }
                case CREATE -> {
                    if (value.equalsIgnoreCase("true")) {
                        if (!operatorEmbedded) {
                            throw new InvalidConnectionOptionException(name, "Option create is not allowed:"
                                    + " Sightline does not create databases on a Derby server. Create the database"
                                    + " there first. (Only operator-defined embedded databases may be created.)");
                        }
                    } else if (!value.equalsIgnoreCase("false")) {
                        throw new InvalidConnectionOptionException(name, name + " must be true or false.");
                    }
                }
                default -> throw new IllegalStateException(name);
            }
        }
    }

    static boolean isTrue(Map<String, String> options, String name) {
        String value = options.get(name);
        return value != null && value.trim().equalsIgnoreCase("true");
    }
}
