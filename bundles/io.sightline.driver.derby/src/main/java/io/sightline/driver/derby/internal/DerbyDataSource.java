package io.sightline.driver.derby.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;

import org.apache.derby.jdbc.BasicClientDataSource40;
import org.apache.derby.jdbc.EmbeddedDriver;

import io.sightline.api.driver.ConnectFailure;
import io.sightline.api.driver.ConnectFailure.Step;
import io.sightline.api.driver.ConnectionSpec;
import io.sightline.api.driver.PasswordSource;
import io.sightline.api.driver.TlsSettings;
import io.sightline.driver.support.ConnectionSpecChecks;
import io.sightline.driver.support.DriverDataSource;
import io.sightline.driver.support.StepException;
import io.sightline.driver.support.TcpProbe;

/**
 * Opens one physical Derby connection per call, never through {@code DriverManager}: over the
 * network with the Derby client's own {@link BasicClientDataSource40} (its login timeout is per
 * instance, while {@code ClientDriver} reads the JVM-wide one of DriverManager), or embedded with
 * an {@link EmbeddedDriver} instance. The password is asked for at each call and its array cleared
 * right after; it never goes into a URL.
 */
final class DerbyDataSource extends DriverDataSource {
    private final boolean embedded;

    DerbyDataSource(ConnectionSpec spec, PasswordSource password) {
        super(spec, password);
        this.embedded = DerbyValidation.embedded(spec);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return embedded ? embedded() : network();
    }

    private Connection network() throws SQLException {
        ConnectionSpec spec = spec();
        TcpProbe.reach(spec.host(), spec.port(), spec.connectTimeout());
        BasicClientDataSource40 client = new BasicClientDataSource40();
        client.setServerName(ConnectionSpecChecks.socketHost(spec.host()));
        client.setPortNumber(spec.port());
        client.setDatabaseName(spec.database());
        client.setLoginTimeout(ConnectionSpecChecks.seconds(spec.connectTimeout()));
        String messageText = spec.options().get(DerbyValidation.RETRIEVE_MESSAGE_TEXT);
        if (messageText != null) {
            client.setRetrieveMessageText(Boolean.parseBoolean(messageText.trim()));
        }
        try {
            client.setSsl(ssl(spec.tls().mode()));
        } catch (Exception e) {
            throw new SQLException("Unsupported TLS mode " + spec.tls().mode(), "08001", e);
        }
        char[] secret = askPassword();
        try {
            return client.getConnection(spec.user(), secret == null ? null : new String(secret));
        } catch (SQLException e) {
            throw DerbyFailures.duringConnect(spec, e);
        } finally {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
        }
    }

    /** Derby client's ssl values; DerbyValidation has refused what the client cannot do. */
    static String ssl(TlsSettings.Mode mode) {
        return switch (mode) {
            case DISABLE -> "off";
            case REQUIRE -> "basic";
            case VERIFY_CA, VERIFY_FULL -> "peerAuthentication";
        };
    }

    private Connection embedded() throws SQLException {
        ConnectionSpec spec = spec();
        Path path;
        try {
            // Again at each connection: a link in the folder may have changed since validation.
            path = DerbyValidation.embeddedPath(spec);
        } catch (IllegalArgumentException e) {
            throw new StepException(new ConnectFailure(Step.DATABASE, e.getMessage()), "08001", 0, e);
        }
        String url = "jdbc:derby:" + path + (DerbyValidation.isTrue(spec.options(), DerbyValidation.CREATE)
                ? ";create=true" : "");
        Properties properties = new Properties();
        properties.setProperty("user", spec.user());
        char[] secret = askPassword();
        try {
            if (secret != null) {
                properties.setProperty("password", new String(secret));
            }
            return new EmbeddedDriver().connect(url, properties);
        } catch (SQLException e) {
            throw DerbyFailures.duringConnect(spec, e);
        } finally {
            properties.clear();
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
        }
    }
}
