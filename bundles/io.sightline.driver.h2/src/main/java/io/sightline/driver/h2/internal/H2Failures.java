package io.sightline.driver.h2.internal;

import java.sql.SQLException;

import io.sightline.api.driver.ConnectFailure;
import io.sightline.api.driver.ConnectFailure.Step;
import io.sightline.api.driver.ConnectionSpec;
import io.sightline.driver.support.FailureChain;
import io.sightline.driver.support.StepException;
import io.sightline.driver.support.TcpProbe;

/**
 * H2's failures in plain words (SPEC DS-4), by H2's error codes (org.h2.api.ErrorCode). Connection
 * failures are explained where they happen, with the data source at hand.
 */
final class H2Failures {
    static final int WRONG_USER_OR_PASSWORD = 28000;
    static final int DATABASE_NOT_FOUND = 90013;
    static final int DATABASE_NOT_FOUND_WITH_IF_EXISTS = 90146;
    static final int REMOTE_DATABASE_NOT_FOUND = 90149;
    static final int DATABASE_ALREADY_OPEN = 90020;
    static final int DRIVER_VERSION_ERROR = 90047;
    static final int CONNECTION_BROKEN = 90067;
    static final int SCHEMA_NOT_FOUND = 90079;
    static final int IO_EXCEPTION_1 = 90028;
    static final int IO_EXCEPTION_2 = 90031;
    static final int FILE_CORRUPTED = 90030;
    static final int UNSUPPORTED_SETTING = 90113;

    private static final String CLIENT_VERSION;
    static {
        org.h2.Driver driver = new org.h2.Driver();
        CLIENT_VERSION = driver.getMajorVersion() + "." + driver.getMinorVersion();
    }

    private H2Failures() {}

    static StepException duringConnect(ConnectionSpec spec, SQLException e) {
        if (e instanceof StepException step) {
            return step;
        }
        ConnectFailure failure = classify(e, spec);
        if (failure.step() == Step.QUERY) {
            // Anything else while connecting is about the database, not about a query.
            failure = new ConnectFailure(Step.DATABASE, "The H2 database refused the connection: " + text(e));
        }
        return new StepException(failure, e.getSQLState(), e.getErrorCode(), e);
    }

    static ConnectFailure explain(SQLException failure) {
        StepException step = StepException.in(failure);
        return step != null ? step.failure() : classify(failure, null);
    }

    private static ConnectFailure classify(SQLException e, ConnectionSpec spec) {
        String where = spec == null ? "the server" : spec.host() + ":" + spec.port();
        String database = spec == null ? "The database" : "Database " + spec.database();
        String user = spec == null ? "" : " for user " + spec.user();
        ConnectFailure network = TcpProbe.explain(e, spec, "an H2 server", "");
        if (network != null) {
            return network;
        }
        return switch (e.getErrorCode()) {
            case WRONG_USER_OR_PASSWORD -> new ConnectFailure(Step.AUTHENTICATION,
                    "H2 did not accept the user name or password" + user + ".");
            case DATABASE_NOT_FOUND, DATABASE_NOT_FOUND_WITH_IF_EXISTS, REMOTE_DATABASE_NOT_FOUND ->
                    new ConnectFailure(Step.DATABASE, database + " was not found"
                            + (spec != null && !H2Validation.embedded(spec) ? " on the H2 server" : "")
                            + ". Sightline only opens existing H2 databases.");
            case DATABASE_ALREADY_OPEN -> new ConnectFailure(Step.DATABASE, database
                    + " is in use by another process that holds its files exclusively.");
            case DRIVER_VERSION_ERROR -> new ConnectFailure(Step.DATABASE, "The H2 server at " + where
                    + " runs a version of H2 that does not match this client (H2 " + CLIENT_VERSION + "): " + text(e) + ".");
            case SCHEMA_NOT_FOUND -> new ConnectFailure(spec == null ? Step.QUERY : Step.DATABASE, text(e)
                    + (spec == null ? "." : " (check the SCHEMA option)."));
            case IO_EXCEPTION_1, IO_EXCEPTION_2, FILE_CORRUPTED -> new ConnectFailure(Step.DATABASE, database
                    + " cannot be read: " + text(e) + ".");
            case CONNECTION_BROKEN -> new ConnectFailure(Step.TCP, "The connection to " + where + " broke: "
                    + text(e) + ".");
            default -> new ConnectFailure(Step.QUERY, "The database refused the statement: " + text(e) + ".");
        };
    }

    /**
     * An H2 message without what H2 appends: the statement ("; SQL statement: ...") and the code
     * ("[90146-232]"), and without trailing dots.
     */
    static String text(Throwable t) {
        String message = FailureChain.text(t);
        int statement = message.indexOf("; SQL statement:");
        if (statement >= 0) {
            message = message.substring(0, statement);
        }
        return message.replaceAll("\\s*\\[\\d+-\\d+\\]\\s*$", "").strip().replaceAll("[.\\s]+$", "");
    }
}
