package io.sightline.driver.postgresql.internal;

import static io.sightline.driver.support.OptionRule.bool;
import static io.sightline.driver.support.OptionRule.integer;
import static io.sightline.driver.support.OptionRule.listOf;
import static io.sightline.driver.support.OptionRule.matches;
import static io.sightline.driver.support.OptionRule.oneOf;
import static io.sightline.driver.support.OptionRule.text;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.sightline.driver.support.OptionAllowList;
import io.sightline.driver.support.OptionRule;

/**
 * The pgjdbc connection properties a data source may set (DS-7): an allow-list, so that a property
 * added by a future pgjdbc release is refused until someone has looked at it. Names are matched
 * exactly, as pgjdbc does.
 *
 * <p>Deliberately absent, with the reason people are told:
 * <ul>
 * <li>classes the driver would load and run: {@code socketFactory}, {@code sslfactory},
 * {@code sslhostnameverifier}, {@code sslpasswordcallback}, {@code authenticationPluginClassName},
 * {@code connectExecutor}, {@code xmlFactoryFactory}, {@code classLoaderStrategy} and their
 * {@code *Arg} companions;
 * <li>files on the Sightline server: {@code loggerFile}, {@code sslrootcert}, {@code sslcert},
 * {@code sslkey}, {@code service} (pg_service.conf);
 * <li>{@code options}: sets any server parameter at login, including {@code
 * default_transaction_read_only};
 * <li>what Sightline owns: TLS ({@code ssl}, {@code sslmode}), timeouts ({@code connectTimeout},
 * {@code loginTimeout}, {@code socketTimeout}), read-only sessions ({@code readOnly},
 * {@code readOnlyMode}), the fields (user, password, host, port, database);
 * <li>Kerberos/GSS ({@code gssEncMode}, {@code jaasLogin}, ...), which reads the server's ticket
 * cache and JAAS configuration; replication connections; several hosts ({@code targetServerType}).
 * </ul>
 */
final class PostgresqlOptions {

    private static final Pattern IDENTIFIER_LIST = Pattern.compile(
            "(?=.{1,255}\\z)(?:[A-Za-z_][A-Za-z0-9_$]*|\"[^\"\\p{Cntrl}]+\")(?:\\s*,\\s*(?:[A-Za-z_][A-Za-z0-9_$]*|\"[^\"\\p{Cntrl}]+\"))*");

    /** The allow-list, in the order shown to people. */
    static final List<OptionRule> RULES = List.of(
            new OptionRule("ApplicationName",
                    "Name shown for Sightline's sessions in pg_stat_activity (default: Sightline).", text(63)),
            new OptionRule("currentSchema",
                    "Schemas to search for unqualified names, comma-separated (the session's search_path).",
                    matches(IDENTIFIER_LIST, "must be schema names separated by commas (quote names with other "
                            + "characters in double quotes), at most 255 characters")),
            new OptionRule("defaultRowFetchSize",
                    "Rows fetched per round trip for large results; 0 fetches the whole result at once.",
                    integer(0, 1_000_000)),
            new OptionRule("prepareThreshold",
                    "Executions of a statement before the driver prepares it on the server (default 5; 0 never).",
                    integer(0, 1_000)),
            new OptionRule("preparedStatementCacheQueries",
                    "Prepared statements cached per connection (default 256; 0 disables the cache).",
                    integer(0, 10_000)),
            new OptionRule("binaryTransfer",
                    "Use the binary format for supported types (default true); false helps with some proxies.",
                    bool()),
            new OptionRule("stringtype",
                    "How text parameters are typed: varchar, or unspecified to let the server infer the type.",
                    oneOf("varchar", "unspecified")),
            new OptionRule("tcpKeepAlive",
                    "Send TCP keep-alive probes on idle connections (Sightline's default: true).", bool()),
            new OptionRule("cancelSignalTimeout",
                    "Seconds to wait while sending a cancel request for a query (default 10).", integer(1, 60)),
            new OptionRule("logServerErrorDetail",
                    "Include the server's error detail, which may quote data values, in error messages (default true).",
                    bool()),
            new OptionRule("channelBinding",
                    "SCRAM channel binding over TLS: disable, prefer (default) or require.",
                    oneOf("disable", "prefer", "require")),
            new OptionRule("requireAuth",
                    "Login methods the server may ask for, comma-separated; ! refuses one (e.g. !password).",
                    listOf(Set.of("password", "md5", "gss", "sspi", "scram-sha-256", "none"), true)));

    private static final String RUNS_CLASS =
            "%s names a Java class for the driver to load and run inside the Sightline server; Sightline does not allow that.";
    private static final String LOCAL_FILE =
            "%s names a file on the Sightline server; data sources may not read or write files there.";
    private static final String SIGHTLINE_TLS = "Set TLS in the data source's TLS settings, not with %s.";
    private static final String SIGHTLINE_TIMEOUT =
            "Sightline sets %s itself, from the data source's connect timeout and the query timeout.";
    private static final String SIGHTLINE_READ_ONLY = "Sightline makes every session read-only itself; %s may not change that.";
    private static final String FIELD = "Set %s in its own field of the data source, not as an option.";
    private static final String KERBEROS =
            "%s: Sightline does not support Kerberos (GSS) logins, which use credentials stored on the Sightline server.";
    private static final String ONE_HOST = "%s: Sightline connects to exactly one host, the one in the host field.";

    /** Why well-known properties are refused; anything else gets the generic answer. */
    private static final Map<String, String> REFUSALS = Map.ofEntries(
            Map.entry("socketFactory", RUNS_CLASS), Map.entry("socketFactoryArg", RUNS_CLASS),
            Map.entry("sslfactory", RUNS_CLASS), Map.entry("sslfactoryarg", RUNS_CLASS),
            Map.entry("sslhostnameverifier", RUNS_CLASS), Map.entry("sslpasswordcallback", RUNS_CLASS),
            Map.entry("authenticationPluginClassName", RUNS_CLASS), Map.entry("connectExecutor", RUNS_CLASS),
            Map.entry("connectExecutorArg", RUNS_CLASS), Map.entry("xmlFactoryFactory", RUNS_CLASS),
            Map.entry("classLoaderStrategy", RUNS_CLASS),
            Map.entry("loggerFile", LOCAL_FILE), Map.entry("loggerLevel",
                    "loggerLevel turns on the driver's own logging, which can write connection details to the server's log."),
            Map.entry("sslcert", LOCAL_FILE), Map.entry("sslkey", LOCAL_FILE),
            Map.entry("sslpassword", "sslpassword unlocks a client key file on the Sightline server, which data sources may not use."),
            Map.entry("service", "service reads connection settings from pg_service.conf, a file on the Sightline server; "
                    + "data sources may not read files there."),
            Map.entry("sslrootcert", "sslrootcert names a file on the Sightline server; paste the certificate authority "
                    + "into the data source's TLS settings instead."),
            Map.entry("ssl", SIGHTLINE_TLS), Map.entry("sslmode", SIGHTLINE_TLS), Map.entry("sslNegotiation", SIGHTLINE_TLS),
            Map.entry("sslResponseTimeout", SIGHTLINE_TIMEOUT),
            Map.entry("options", "options can change any server setting for the session, including read-only mode; "
                    + "Sightline does not allow it."),
            Map.entry("connectTimeout", SIGHTLINE_TIMEOUT), Map.entry("loginTimeout", SIGHTLINE_TIMEOUT),
            Map.entry("socketTimeout", SIGHTLINE_TIMEOUT), Map.entry("queryTimeout", SIGHTLINE_TIMEOUT),
            Map.entry("readOnly", SIGHTLINE_READ_ONLY), Map.entry("readOnlyMode", SIGHTLINE_READ_ONLY),
            Map.entry("user", FIELD), Map.entry("PGHOST", FIELD), Map.entry("PGPORT", FIELD), Map.entry("PGDBNAME", FIELD),
            Map.entry("password", "Enter the password in the password field, which is stored encrypted; options are not."),
            Map.entry("gssEncMode", KERBEROS), Map.entry("gsslib", KERBEROS), Map.entry("gssUseDefaultCreds", KERBEROS),
            Map.entry("jaasLogin", KERBEROS), Map.entry("jaasApplicationName", KERBEROS),
            Map.entry("kerberosServerName", KERBEROS), Map.entry("useSpnego", KERBEROS),
            Map.entry("sspiServiceClass", KERBEROS), Map.entry("gssResponseTimeout", KERBEROS),
            Map.entry("replication", "replication opens a replication connection, which streams changes instead of running "
                    + "queries; Sightline does not allow it."),
            Map.entry("targetServerType", ONE_HOST), Map.entry("loadBalanceHosts", ONE_HOST),
            Map.entry("hostRecheckSeconds", ONE_HOST),
            Map.entry("localSocketAddress", "localSocketAddress binds the connection to an address of the Sightline "
                    + "server; Sightline chooses the address itself."));

    /** pgjdbc matches property names exactly, so a near miss is only told, never passed on. */
    private static final OptionAllowList ALLOW_LIST = new OptionAllowList("PostgreSQL", RULES, REFUSALS, false,
            "%1$s is not a PostgreSQL option; did you mean %2$s? Names are case-sensitive.");

    private PostgresqlOptions() {}

    /** Option name to description, in the order of {@link #RULES}. */
    static Map<String, String> descriptions() {
        return ALLOW_LIST.descriptions();
    }

    /** Refuses the first (in name order) option that is not allowed or whose value is wrong. */
    static void check(Map<String, String> options) {
        ALLOW_LIST.check(options);
    }
}
