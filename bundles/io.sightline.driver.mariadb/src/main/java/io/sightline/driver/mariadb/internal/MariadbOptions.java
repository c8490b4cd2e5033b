package io.sightline.driver.mariadb.internal;

import static io.sightline.driver.support.OptionRule.bool;
import static io.sightline.driver.support.OptionRule.integer;
import static io.sightline.driver.support.OptionRule.listOf;
import static io.sightline.driver.support.OptionRule.matches;
import static io.sightline.driver.support.OptionRule.timeZone;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.sightline.driver.support.OptionAllowList;
import io.sightline.driver.support.OptionRule;

/**
 * The MariaDB Connector/J properties a data source may set (DS-7): an allow-list, matched exactly.
 * Connector/J itself matches property names without regard to case, so exact matching also
 * refuses a dangerous property spelled differently (AllowLocalInfile).
 *
 * <p>Deliberately absent, with the reason people are told:
 * <ul>
 * <li>local files: {@code allowLocalInfile} (and MySQL's {@code allowLoadLocalInfile}), which lets
 * {@code LOAD DATA LOCAL INFILE} send any file of the Sightline server; {@code serverSslCert},
 * {@code keyStore}, {@code trustStore}, {@code serverRsaPublicKeyFile} (file paths);
 * <li>code: {@code socketFactory}, {@code tlsSocketType}; MySQL's {@code autoDeserialize}
 * (deserializes Java objects from the server);
 * <li>more than the query: {@code allowMultiQueries}, {@code initSql}, {@code sessionVariables}
 * (which could also turn read-only off), {@code createDatabaseIfNotExist};
 * <li>credentials from elsewhere: {@code credentialType} (environment variables, AWS IAM);
 * <li>what Sightline owns: TLS ({@code sslMode}, {@code useSsl}), timeouts, the fields, several
 * hosts, {@code permitRedirect}, the driver's own pool;
 * <li>{@code zeroDateTimeBehavior}: a MySQL Connector/J property that MariaDB Connector/J 3 ignores.
 * </ul>
 */
final class MariadbOptions {

    private static final Pattern COLLATION = Pattern.compile("[A-Za-z0-9_]{1,64}");

    /** The allow-list, in the order shown to people. */
    static final List<OptionRule> RULES = List.of(
            new OptionRule("useCompression", "Compress traffic between Sightline and the server (default false).", bool()),
            new OptionRule("connectionCollation",
                    "Collation of the session's utf8mb4 character set, e.g. utf8mb4_unicode_ci (default: the server's).",
                    matches(COLLATION, "must be a collation name such as utf8mb4_unicode_ci")),
            new OptionRule("connectionTimeZone",
                    "Time zone for dates and times: LOCAL (Sightline's), SERVER, or a zone such as Europe/Berlin.",
                    timeZone("LOCAL", "SERVER")),
            new OptionRule("forceConnectionTimeZoneToSession",
                    "Also set connectionTimeZone as the session's time_zone on the server (default false).", bool()),
            new OptionRule("preserveInstants",
                    "Convert timestamps between connectionTimeZone and Sightline's time zone (default false).", bool()),
            new OptionRule("defaultFetchSize",
                    "Rows fetched per round trip for large results; 0 fetches the whole result at once.",
                    integer(0, 1_000_000)),
            new OptionRule("useServerPrepStmts",
                    "Prepare statements on the server instead of sending the text each time (default false).", bool()),
            new OptionRule("cachePrepStmts", "Cache server-prepared statements per connection (default true).", bool()),
            new OptionRule("prepStmtCacheSize",
                    "Server-prepared statements cached per connection (default 250).", integer(0, 10_000)),
            new OptionRule("tinyInt1isBit", "Read TINYINT(1) columns as booleans (default true).", bool()),
            new OptionRule("transformedBitIsBoolean",
                    "With tinyInt1isBit, report TINYINT(1) as BOOLEAN rather than BIT (default false).", bool()),
            new OptionRule("yearIsDateType", "Read YEAR columns as dates rather than numbers (default true).", bool()),
            new OptionRule("uuidAsString", "Read UUID columns as text rather than java.util.UUID (default false).", bool()),
            new OptionRule("tcpKeepAlive", "Send TCP keep-alive probes on idle connections (default true).", bool()),
            new OptionRule("restrictedAuth",
                    "Login methods the client accepts, comma-separated, e.g. client_ed25519 (default: all).",
                    listOf(Set.of("mysql_native_password", "client_ed25519", "caching_sha2_password",
                            "mysql_clear_password", "dialog", "auth_gssapi_client", "parsec"), false)),
            new OptionRule("allowPublicKeyRetrieval",
                    "MySQL 8 without TLS: fetch the server's RSA key to send the password; open to interception.",
                    bool()));

    private static final String LOCAL_INFILE = "%s lets LOAD DATA LOCAL INFILE send files of the Sightline server to the "
            + "database; Sightline does not allow that.";
    private static final String RUNS_CLASS =
            "%s names a Java class for the driver to load and run inside the Sightline server; Sightline does not allow that.";
    private static final String LOCAL_FILE =
            "%s names a file on the Sightline server; data sources may not read files there.";
    private static final String MORE_SQL = "%s runs SQL of its own on every connection, which could also turn off "
            + "read-only sessions; Sightline does not allow that.";
    private static final String SIGHTLINE_TLS = "Set TLS in the data source's TLS settings, not with %s.";
    private static final String SIGHTLINE_TIMEOUT =
            "Sightline sets %s itself, from the data source's connect timeout and the query timeout.";
    private static final String FIELD = "Set %s in its own field of the data source, not as an option.";
    private static final String ONE_HOST = "%s: Sightline connects to exactly one host, the one in the host field.";

    /** Why well-known properties are refused; anything else gets the generic answer. */
    private static final Map<String, String> REFUSALS = Map.ofEntries(
            Map.entry("allowLocalInfile", LOCAL_INFILE), Map.entry("allowLoadLocalInfile", LOCAL_INFILE),
            Map.entry("allowLoadLocalInfileInPath", LOCAL_INFILE),
            Map.entry("autoDeserialize", "autoDeserialize turns values from the server into Java objects, which can run "
                    + "code inside the Sightline server; Sightline does not allow that."),
            Map.entry("socketFactory", RUNS_CLASS), Map.entry("tlsSocketType", RUNS_CLASS),
            Map.entry("serverSslCert", "serverSslCert can name a file on the Sightline server; paste the certificate "
                    + "authority into the data source's TLS settings instead."),
            Map.entry("keyStore", LOCAL_FILE), Map.entry("trustStore", LOCAL_FILE),
            Map.entry("keyStorePassword", LOCAL_FILE), Map.entry("trustStorePassword", LOCAL_FILE),
            Map.entry("serverRsaPublicKeyFile", LOCAL_FILE), Map.entry("localSocket", LOCAL_FILE),
            Map.entry("pipe", LOCAL_FILE),
            Map.entry("allowMultiQueries", "allowMultiQueries lets one query text run several statements, so text added "
                    + "to a query could run statements of its own; Sightline does not allow it."),
            Map.entry("initSql", MORE_SQL), Map.entry("sessionVariables", "sessionVariables can change any server setting "
                    + "for the session, including read-only mode; Sightline does not allow it."),
            Map.entry("createDatabaseIfNotExist", "createDatabaseIfNotExist creates databases on the server; Sightline "
                    + "only reads."),
            Map.entry("credentialType", "credentialType reads the password from the Sightline server's environment or "
                    + "cloud credentials; enter the password in the password field instead."),
            Map.entry("sslMode", SIGHTLINE_TLS), Map.entry("useSsl", SIGHTLINE_TLS), Map.entry("useSSL", SIGHTLINE_TLS),
            Map.entry("enabledSslProtocolSuites", SIGHTLINE_TLS), Map.entry("enabledSslCipherSuites", SIGHTLINE_TLS),
            Map.entry("fallbackToSystemTrustStore", SIGHTLINE_TLS), Map.entry("fallbackToSystemKeyStore", SIGHTLINE_TLS),
            Map.entry("connectTimeout", SIGHTLINE_TIMEOUT), Map.entry("socketTimeout", SIGHTLINE_TIMEOUT),
            Map.entry("user", FIELD), Map.entry("database", FIELD),
            Map.entry("password", "Enter the password in the password field, which is stored encrypted; options are not."),
            Map.entry("permitRedirect", "permitRedirect lets the server send the connection to another host; Sightline "
                    + "connects only to the host in the host field."),
            Map.entry("haMode", ONE_HOST), Map.entry("retriesAllDown", ONE_HOST), Map.entry("galeraAllowedState", ONE_HOST),
            Map.entry("pool", "Sightline pools connections itself; the driver's own pool (%s) may not be used."),
            Map.entry("zeroDateTimeBehavior", "zeroDateTimeBehavior is a MySQL Connector/J option that MariaDB Connector/J "
                    + "ignores."));

    /**
     * Connector/J reads property names without regard to case: a refused property is refused in any
     * spelling, and a near miss is told how to write it.
     */
    private static final OptionAllowList ALLOW_LIST = new OptionAllowList("MariaDB / MySQL", RULES, REFUSALS, true,
            "%1$s: write it as %2$s; Sightline matches option names exactly.");

    private MariadbOptions() {}

    /** Option name to description, in the order of {@link #RULES}. */
    static Map<String, String> descriptions() {
        return ALLOW_LIST.descriptions();
    }

    /** Refuses the first (in name order) option that is not allowed or whose value is wrong. */
    static void check(Map<String, String> options) {
        ALLOW_LIST.check(options);
    }
}
