package io.sightline.driver.postgresql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.sql.SQLException;
import java.time.Duration;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import io.sightline.api.driver.ConnectFailure;
import io.sightline.api.driver.ConnectFailure.Step;
import io.sightline.driver.support.ConnectAttemptException;

/**
 * DS-4 with constructed failures, for what the local server (trust authentication, no TLS) cannot
 * produce; PostgresqlServerTest explains real ones.
 */
class PostgresqlExplainTest {
    private final PostgresqlDriver driver = new PostgresqlDriver();

    private static ConnectAttemptException attempt(SQLException e) {
        return new ConnectAttemptException(e, "db.example.com", 5432, Duration.ofSeconds(10), false);
    }

    @Test
    void wrongPasswordIsAuthentication() {
        ConnectFailure failure = driver.explain(attempt(new PSQLException(
                "FATAL: password authentication failed for user \"ann\"", PSQLState.INVALID_PASSWORD)));
        assertEquals(Step.AUTHENTICATION, failure.step());
        assertEquals("The server refused the login: password authentication failed for user \"ann\".",
                failure.message());
        assertEquals(Step.AUTHENTICATION, driver.explain(new PSQLException(
                "FATAL: no pg_hba.conf entry for host \"10.0.0.5\", user \"ann\", database \"sales\", no encryption",
                PSQLState.INVALID_AUTHORIZATION_SPECIFICATION)).step());
        assertEquals(new ConnectFailure(Step.AUTHENTICATION,
                "The server asks for a password, but the data source has none. Enter the password."),
                driver.explain(new PSQLException(
                        "The server requested password-based authentication, but no password was provided by plugin null",
                        PSQLState.CONNECTION_REJECTED)));
    }

    /** The JDK's exceptions are read by FailureChain (FailureChainTest), before pgjdbc's messages. */
    @Test
    void networkFailuresComeFirst() {
        assertEquals(Step.DNS, driver.explain(attempt(new PSQLException("The connection attempt failed.",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT, new UnknownHostException("db.example.com")))).step());
        ConnectFailure refused = driver.explain(attempt(new PSQLException("Connection to db.example.com:5432 refused.",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException("Connection refused"))));
        assertEquals(Step.TCP, refused.step());
        assertTrue(refused.message().startsWith("Nothing answers at db.example.com:5432"), refused.message());
        assertEquals(new ConnectFailure(Step.TCP, "No answer from db.example.com:5432 within 10 s. Check the host and "
                + "the port, and any firewall between Sightline and the database server."),
                driver.explain(attempt(new PSQLException("The connection attempt failed.",
                        PSQLState.CONNECTION_UNABLE_TO_CONNECT, new SocketTimeoutException("Connect timed out")))));
        // pgjdbc's own timeout, without a SocketTimeoutException
        assertEquals(Step.TCP, driver.explain(attempt(new PSQLException("Connection attempt timed out.",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT))).step());
    }

    @Test
    void certificateProblemsAreTls() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path validation failed");
        handshake.initCause(new CertPathValidatorException("signature check failed"));
        ConnectFailure untrusted = driver.explain(attempt(new PSQLException("SSL error: PKIX path validation failed",
                PSQLState.CONNECTION_FAILURE, handshake)));
        assertEquals(Step.TLS, untrusted.step());
        assertTrue(untrusted.message().startsWith("The server's TLS certificate is not trusted"), untrusted.message());
        // pgjdbc's messages
        assertEquals(new ConnectFailure(Step.TLS, "The server's TLS certificate is not issued for db.example.com. "
                + "Connect with a name the certificate lists, or use TLS mode verify-ca."),
                driver.explain(attempt(new PSQLException(
                        "The hostname db.example.com could not be verified by hostnameverifier PgjdbcHostnameVerifier.",
                        PSQLState.CONNECTION_FAILURE))));
        assertEquals(Step.TLS, driver.explain(new PSQLException("The server does not support SSL.",
                PSQLState.CONNECTION_REJECTED)).step());
        assertEquals(new ConnectFailure(Step.TLS, "The certificate authority could not be used: SSL root certificate "
                + "file /x.pem could not be read."), driver.explain(attempt(new PSQLException(
                        "SSL root certificate file /x.pem could not be read.\nmore", PSQLState.CONNECTION_FAILURE))));
    }

    @Test
    void otherFailuresAreTheQueryStepWithTheFirstLineOnly() {
        ConnectFailure failure = driver.explain(new SQLException("ERROR: relation \"x\" does not exist\n  Position: 15\n"
                + "\tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2725)", "42P01"));
        assertEquals(new ConnectFailure(Step.QUERY, "Relation \"x\" does not exist."), failure);
        assertEquals(new ConnectFailure(Step.QUERY, "The server gave no reason."), driver.explain(new SQLException()));
    }
}
