package io.sightline.driver.mariadb.internal;

import java.sql.SQLException;

import io.sightline.api.driver.ConnectFailure;
import io.sightline.api.driver.ConnectFailure.Step;
import io.sightline.driver.support.FailureChain;
import io.sightline.driver.support.Sql;

/**
 * Maps Connector/J failures to the step that failed (DS-4): server errors by error code and
 * SQLState, the client's own messages by their (English) text.
 */
final class MariadbFailures {
    /** ER_ACCESS_DENIED_ERROR, ER_ACCESS_DENIED_NO_PASSWORD_ERROR, ER_NOT_SUPPORTED_AUTH_MODE. */
    private static final int ACCESS_DENIED = 1045;
    private static final int ACCESS_DENIED_NO_PASSWORD = 1698;
    private static final int AUTH_MODE_NOT_SUPPORTED = 1251;
    /** ER_BAD_DB_ERROR, ER_DBACCESS_DENIED_ERROR. */
    private static final int UNKNOWN_DATABASE = 1049;
    private static final int DATABASE_ACCESS_DENIED = 1044;

    private MariadbFailures() {}

    static ConnectFailure explain(SQLException failure) {
        FailureChain chain = new FailureChain(failure);
        SQLException vendor = chain.vendor();
        int code = vendor.getErrorCode();
        String state = vendor.getSQLState() == null ? "" : vendor.getSQLState();
        String message = withoutConnectionId(vendor.getMessage());

        ConnectFailure network = chain.network();
        if (network != null) {
            return network;
        }
        if (message.contains("ssl not enabled in the server")) {
            return chain.noTlsAtServer();
        }
        if (message.contains("doesn't correspond to certificate") || message.contains("hostname verification")
                || message.contains("No subject alternative")) {
            return chain.wrongHostName();
        }
        if (message.contains("Self signed certificates")) {
            // Connector/J accepted a certificate it could not verify, pending proof that the server
            // knows the password, and the proof failed (or cannot be given: no password)
            return chain.untrusted();
        }
        ConnectFailure tls = chain.tls();
        if (tls != null) {
            return tls;
        }
        ConnectFailure closed = chain.closedDuringLogin("MariaDB or MySQL");
        if (closed != null) {
            return closed;
        }
        if (chain.socketTimedOut()) {
            return chain.timedOut();
        }
        if (code == ACCESS_DENIED || code == ACCESS_DENIED_NO_PASSWORD || code == AUTH_MODE_NOT_SUPPORTED
                || state.startsWith("28")) {
            return new ConnectFailure(Step.AUTHENTICATION, "The server refused the login: " + stop(message));
        }
        if (message.contains("RSA public key is not available") || message.contains("allowPublicKeyRetrieval")) {
            return new ConnectFailure(Step.AUTHENTICATION, "The server wants the password encrypted with its RSA key. "
                    + "Use TLS, or set the option allowPublicKeyRetrieval to true.");
        }
        if (code == UNKNOWN_DATABASE || code == DATABASE_ACCESS_DENIED) {
            return new ConnectFailure(Step.DATABASE, FailureChain.sentence(message));
        }
        return new ConnectFailure(Step.QUERY, FailureChain.sentence(message));
    }

    /** Connector/J starts server messages with "(conn=123) ". */
    static String withoutConnectionId(String message) {
        String line = Sql.firstLine(message);
        return line.replaceFirst("^\\(conn=\\d+\\)\\s*", "");
    }

    private static String stop(String line) {
        return line.endsWith(".") ? line : line + ".";
    }
}
