package io.sightline.driver.derby.internal;

import java.sql.SQLException;
import java.util.Locale;

import io.sightline.api.driver.ConnectFailure;
import io.sightline.api.driver.ConnectFailure.Step;
import io.sightline.api.driver.ConnectionSpec;
import io.sightline.driver.support.FailureChain;
import io.sightline.driver.support.StepException;
import io.sightline.driver.support.TcpProbe;

/**
 * Derby's failures in plain words (SPEC DS-4). Connection failures are explained where they happen,
 * with the data source at hand ({@link #duringConnect}); anything else is explained from the
 * exception alone. Derby ships its client messages in English only (the locale jars are not
 * deployed), so matching a few message texts is stable; SQLStates come first.
 */
final class DerbyFailures {
    private DerbyFailures() {}

    static StepException duringConnect(ConnectionSpec spec, SQLException e) {
        if (e instanceof StepException step) {
            return step;
        }
        return new StepException(classify(e, spec), e.getSQLState(), e.getErrorCode(), e);
    }

    static ConnectFailure explain(SQLException failure) {
        StepException step = StepException.in(failure);
        return step != null ? step.failure() : classify(failure, null);
    }

    private static ConnectFailure classify(SQLException e, ConnectionSpec spec) {
        String where = spec == null ? "the server" : spec.host() + ":" + spec.port();
        String database = spec == null ? "The database" : "Database " + spec.database();
        String user = spec == null ? "" : " for user " + spec.user();
        ConnectFailure network = TcpProbe.explain(e, spec, "a Derby server",
                "Check that the Derby server has TLS on (derby.drda.sslMode) and that its certificate is trusted.");
        if (network != null) {
            return network;
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = FailureChain.text(e);
        String lower = message.toLowerCase(Locale.ROOT);
        if (state.equals("08004") || state.equals("08001") && lower.contains("authentication")) {
            if (lower.contains("not found")) {
                return new ConnectFailure(Step.DATABASE, database + " was not found on the Derby server.");
            }
            if (lower.contains("authentication")) {
                return new ConnectFailure(Step.AUTHENTICATION,
                        "The Derby server did not accept the user name or password" + user + ".");
            }
            return new ConnectFailure(Step.AUTHENTICATION, "The Derby server refused the connection" + user
                    + ": " + message);
        }
        if (state.equals("XJ004")) {
            return new ConnectFailure(Step.DATABASE, database + " was not found.");
        }
        if (state.equals("XJ040") || state.startsWith("XBM") || state.startsWith("XSDB") || state.equals("XJ041")) {
            return new ConnectFailure(Step.DATABASE, database + " could not be started: " + deepest(e));
        }
        if (state.startsWith("08")) {
            if (lower.contains("ssl") || lower.contains("tls") || lower.contains("certificate")
                    || lower.contains("handshake")) {
                return new ConnectFailure(Step.TLS, "The TLS connection to " + where + " failed: " + message);
            }
            if (lower.contains("error connecting to server")) {
                return new ConnectFailure(Step.TCP, "Nothing answers at " + where + ": " + message);
            }
            return new ConnectFailure(Step.TCP, "The connection to " + where + " failed: " + message);
        }
        return new ConnectFailure(Step.QUERY, "The database refused the statement: " + message);
    }

    /** The most specific Derby message: boot failures carry the reason in a nested exception. */
    private static String deepest(SQLException e) {
        String text = FailureChain.text(e);
        for (Throwable t : FailureChain.causes(e)) {
            if (t instanceof SQLException && t != e && t.getMessage() != null) {
                text = FailureChain.text(t);
            }
        }
        return text;
    }
}
