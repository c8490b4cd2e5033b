package io.sightline.driver.postgresql.internal;

import java.sql.SQLException;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import io.sightline.api.driver.ConnectFailure;
import io.sightline.api.driver.ConnectFailure.Step;
import io.sightline.driver.support.ConnectAttemptException;
import io.sightline.driver.support.FailureChain;
import io.sightline.driver.support.Sql;

/**
 * Maps pgjdbc failures to the step that failed (DS-4). Server errors are told apart by SQLState;
 * pgjdbc's own messages (English unless the JVM's locale has a translation) by their text.
 */
final class PostgresqlFailures {
    private PostgresqlFailures() {}

    static ConnectFailure explain(SQLException failure) {
        FailureChain chain = new FailureChain(failure);
        SQLException vendor = chain.vendor();
        String state = vendor.getSQLState() == null ? "" : vendor.getSQLState();
        String message = String.valueOf(vendor.getMessage());

        ConnectFailure network = chain.network();
        if (network != null) {
            return network;
        }
        if (message.startsWith(PostgresqlDataSource.CA_NOT_WRITTEN)) {
            return new ConnectFailure(Step.TLS, "The certificate authority from the TLS settings could not be saved "
                    + "for the driver on the Sightline server; see the server log.");
        }
        if (message.startsWith(PostgresqlDataSource.CLIENT_KEY_MISSING)) {
            return new ConnectFailure(Step.TLS, "The data source has a TLS client certificate but its key is missing "
                    + "from the vault. Paste the client key into the TLS settings again.");
        }
        if (message.startsWith(PostgresqlDataSource.CLIENT_KEY_UNUSABLE)) {
            return new ConnectFailure(Step.TLS, message);
        }
        if (message.contains(ClientCertificateSslFactory.class.getName())) {
            // pgjdbc could not load or create the factory ("The SSLSocketFactory class provided … could not be instantiated.")
            return new ConnectFailure(Step.TLS, "The PostgreSQL driver could not use the TLS client certificate "
                    + "(the driver module may be updating); try again.");
        }
        if (message.contains("The server does not support SSL")) {
            return chain.noTlsAtServer();
        }
        if (message.contains("could not be verified by hostnameverifier")) {
            return chain.wrongHostName();
        }
        if (message.contains("SSL root certificate file") || message.contains("Could not find a java cryptographic algorithm")) {
            return new ConnectFailure(Step.TLS, "The certificate authority could not be used: " + Sql.firstLine(message));
        }
        ConnectFailure tls = chain.tls();
        if (tls != null) {
            return tls;
        }
        if (message.startsWith("SSL error: ")) {
            // pgjdbc's wrapper of an I/O failure during the handshake, e.g. the server hanging up
            return chain.handshakeFailed(message.substring("SSL error: ".length()));
        }
        ConnectFailure closed = chain.closedDuringLogin("PostgreSQL");
        if (closed != null) {
            return closed;
        }
        if (chain.socketTimedOut() || message.startsWith("Connection attempt timed out")) {
            return chain.timedOut();
        }

        String serverMessage = serverMessage(vendor);
        if (state.startsWith("28")) {
            // 28P01 wrong password, 28000 unknown role or no pg_hba.conf entry
            String refused = "The server refused the login: " + withStop(serverMessage);
            if (serverMessage.contains("requires a valid client certificate")) {
                refused += " Add a client certificate and its key to the data source's TLS settings.";
            } else if (serverMessage.contains("certificate authentication failed")
                    || serverMessage.contains("certificate validation")) {
                refused += " The client certificate's common name (CN) must be the database user, or be mapped to "
                        + "it in the server's pg_ident.conf.";
            }
            return new ConnectFailure(Step.AUTHENTICATION, refused);
        }
        if (message.startsWith("The server requested") && message.contains("password")) {
            return new ConnectFailure(Step.AUTHENTICATION,
                    "The server asks for a password, but the data source has none. Enter the password.");
        }
        if (message.startsWith("The authentication type") || message.contains("SCRAM")) {
            return new ConnectFailure(Step.AUTHENTICATION, "The login failed: " + Sql.firstLine(message));
        }
        if ("3D000".equals(state)) {
            return new ConnectFailure(Step.DATABASE, FailureChain.sentence(serverMessage));
        }
        if ("42501".equals(state) && failure instanceof ConnectAttemptException) {
            // no CONNECT privilege on the database
            return new ConnectFailure(Step.DATABASE, FailureChain.sentence(serverMessage));
        }
        return new ConnectFailure(Step.QUERY, FailureChain.sentence(serverMessage));
    }

    /** The server's own message without "FATAL:"/"ERROR:" and details, or pgjdbc's first line. */
    private static String serverMessage(SQLException e) {
        if (e instanceof PSQLException psql) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            if (server != null && server.getMessage() != null) {
                return server.getMessage();
            }
        }
        return Sql.firstLine(e.getMessage()).replaceFirst("^(FATAL|ERROR|PANIC):\\s+", "");
    }

    private static String withStop(String message) {
        String line = Sql.firstLine(message);
        return line.endsWith(".") ? line : line + ".";
    }
}
