package io.sightline.driver.postgresql.internal;

import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executor;

import io.sightline.api.driver.ConnectionSpec;
import io.sightline.api.driver.InvalidConnectionOptionException;
import io.sightline.api.driver.PasswordSource;
import io.sightline.api.driver.TlsClientKeys;
import io.sightline.api.driver.TlsSettings;
import io.sightline.driver.support.ConnectAttemptException;
import io.sightline.driver.support.ConnectionSpecChecks;
import io.sightline.driver.support.DriverDataSource;

/**
 * Opens one physical connection per {@link #getConnection()} through pgjdbc's {@link Driver}
 * instance, never {@code DriverManager} (whose class-loader checks fail across OSGi bundles). The
 * caller pools the connections. Thread-safe: nothing changes after construction.
 */
final class PostgresqlDataSource extends DriverDataSource {
    /** pgjdbc's driver; one stateless instance serves every data source. */
    private static final Driver DRIVER = new org.postgresql.Driver();
    private static final Executor SAME_THREAD = Runnable::run;
    static final String APPLICATION_NAME = "Sightline";
    static final String JVM_TRUST_FACTORY = "org.postgresql.ssl.DefaultJavaSSLFactory";
    static final String CLIENT_CERTIFICATE_FACTORY = ClientCertificateSslFactory.class.getName();

    private final String url;

    PostgresqlDataSource(ConnectionSpec spec, PasswordSource password) {
        super(spec, password);
        this.url = url(spec);
    }

    /**
     * The URL names host, port and database only; the database is URL-encoded, which pgjdbc
     * decodes, so no name can add URL parameters. Everything else goes in the properties.
     */
    static String url(ConnectionSpec spec) {
        return "jdbc:postgresql://" + ConnectionSpecChecks.urlHost(spec.host()) + ":" + spec.port() + "/"
                + URLEncoder.encode(spec.database(), StandardCharsets.UTF_8);
    }

    String url() {
        return url;
    }

    /**
     * The connection properties without the password: Sightline's defaults, then the data source's
     * (validated) options, then what Sightline owns: user, timeouts, TLS. {@code caFile} is the path
     * of the custom certificate authority, or null. With a client certificate, the TLS context is
     * Sightline's own ({@link ClientCertificateSslFactory}, trusting the CA in memory); the handle of
     * that context is added only while connecting.
     */
    static Properties properties(ConnectionSpec spec, String caFile) {
        Properties props = new Properties();
        props.setProperty("ApplicationName", APPLICATION_NAME);
        props.setProperty("tcpKeepAlive", "true");
        props.putAll(spec.options());

        props.setProperty("user", spec.user());
        // connectTimeout bounds the TCP connect, socketTimeout each read during TLS and login (reset
        // to none once connected: queries have their own timeout), loginTimeout the whole attempt.
        String seconds = String.valueOf(ConnectionSpecChecks.seconds(spec.connectTimeout()));
        props.setProperty("connectTimeout", seconds);
        props.setProperty("socketTimeout", seconds);
        props.setProperty("loginTimeout", seconds);
        // No Kerberos: GSS encryption would use the ticket cache of the Sightline server's account.
        props.setProperty("gssEncMode", "disable");

        TlsSettings tls = spec.tls();
        props.setProperty("sslmode", switch (tls.mode()) {
            case DISABLE -> "disable";
            case REQUIRE -> "require";
            case VERIFY_CA -> "verify-ca";
            case VERIFY_FULL -> "verify-full";
        });
        if (tls.hasClientCertificate()) {
            // pgjdbc would read the key from a file (sslkey); this factory has it in memory only.
            props.setProperty("sslfactory", CLIENT_CERTIFICATE_FACTORY);
        } else if (tls.mode() == TlsSettings.Mode.VERIFY_CA || tls.mode() == TlsSettings.Mode.VERIFY_FULL) {
            if (caFile != null) {
                props.setProperty("sslrootcert", caFile);
            } else {
                // pgjdbc's default factory wants ~/.postgresql/root.crt; use the JVM's trust store instead.
                props.setProperty("sslfactory", JVM_TRUST_FACTORY);
            }
        }
        return props;
    }

    @Override
    public Connection getConnection() throws SQLException {
        ConnectionSpec spec = spec();
        boolean customCa = ConnectionSpecChecks.hasCustomCa(spec.tls());
        if (spec.tls().hasClientCertificate()) {
            try (ClientCertificateSslFactory.Registration registration = clientCertificateContext(customCa)) {
                Properties props = properties(spec, null);
                props.setProperty(ClientCertificateSslFactory.HANDLE_PROPERTY, registration.handle());
                // pgjdbc loads the factory by name: through this bundle's class loader as the context's.
                Thread thread = Thread.currentThread();
                ClassLoader previous = thread.getContextClassLoader();
                thread.setContextClassLoader(PostgresqlDataSource.class.getClassLoader());
                try {
                    return connect(props, customCa);
                } finally {
                    thread.setContextClassLoader(previous);
                }
            }
        }
        String caFile = null;
        if (customCa) {
            try {
                caFile = CaCertificateFile.fileFor(spec.tls().caCertificatePem()).toString();
            } catch (UncheckedIOException e) {
                throw attempt(new SQLException(CA_NOT_WRITTEN + e.getCause().getMessage(), "08001"), true);
            }
        }
        return connect(properties(spec, caFile), customCa);
    }

    /**
     * The TLS context with the client certificate and the key asked for now, registered for this
     * attempt; the key's text is cleared at once, the key object lives until the context is dropped.
     */
    private ClientCertificateSslFactory.Registration clientCertificateContext(boolean customCa) throws SQLException {
        TlsSettings tls = spec().tls();
        char[] pem = askClientKey();
        if (pem == null) {
            throw attempt(new SQLException(CLIENT_KEY_MISSING, "08001"), customCa);
        }
        try {
            List<X509Certificate> chain = TlsClientKeys.certificates(tls.clientCertificatePem());
            PrivateKey key = TlsClientKeys.privateKey(pem);
            TlsClientKeys.checkPair(chain.get(0), key);
            return ClientCertificateSslFactory.register(ClientTlsContext.create(tls, chain, key));
        } catch (InvalidConnectionOptionException e) {
            throw attempt(new SQLException(CLIENT_KEY_UNUSABLE + e.getMessage(), "08001"), customCa);
        } catch (GeneralSecurityException e) {
            throw attempt(new SQLException(CLIENT_KEY_UNUSABLE + "the TLS context could not be set up ("
                    + e.getClass().getSimpleName() + ").", "08001"), customCa);
        } finally {
            Arrays.fill(pem, '\0');
        }
    }

    private Connection connect(Properties props, boolean customCa) throws SQLException {
        char[] secret = askPassword();
        try {
            // pgjdbc takes the password as a String; the array is cleared at once. Never absent:
            // without a password pgjdbc would look one up in the server account's ~/.pgpass.
            props.setProperty("password", secret == null ? "" : new String(secret));
        } finally {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
        }
        Connection connection;
        try {
            connection = DRIVER.connect(url, props);
        } catch (SQLException e) {
            throw attempt(e, customCa);
        } finally {
            props.remove("password");
        }
        if (connection == null) {
            throw new SQLException("The PostgreSQL driver did not accept the URL " + url, "08001");
        }
        try {
            connection.setNetworkTimeout(SAME_THREAD, 0);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    static final String CA_NOT_WRITTEN = "Could not save the CA certificate for the driver: ";
    static final String CLIENT_KEY_MISSING = "The data source has a TLS client certificate but no client key.";
    static final String CLIENT_KEY_UNUSABLE = "The TLS client key cannot be used: ";

    private ConnectAttemptException attempt(SQLException e, boolean customCa) {
        return new ConnectAttemptException(e, spec().host(), spec().port(), spec().connectTimeout(), customCa,
                spec().tls().hasClientCertificate());
    }

    @Override
    public String toString() {
        return "PostgreSQL data source " + url + " as " + spec().user();
    }
}
