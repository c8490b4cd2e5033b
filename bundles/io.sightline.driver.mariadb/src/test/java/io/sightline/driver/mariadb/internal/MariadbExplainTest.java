package io.sightline.driver.mariadb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.sightline.api.driver.ConnectFailure;
import io.sightline.api.driver.ConnectFailure.Step;
import io.sightline.driver.support.ConnectAttemptException;

/** DS-4 with constructed failures; MariadbServerTest explains real ones. */
class MariadbExplainTest {
    private final MariadbDriver driver = new MariadbDriver();

    private static ConnectAttemptException attempt(SQLException e) {
        return new ConnectAttemptException(e, "db.example.com", 3306, Duration.ofSeconds(10), false);
    }

    @Test
    void serverErrorsByCode() {
        assertEquals(new ConnectFailure(Step.AUTHENTICATION,
                "The server refused the login: Access denied for user 'ann'@'10.0.0.5' (using password: YES)."),
                driver.explain(attempt(new SQLInvalidAuthorizationSpecException(
                        "(conn=17) Access denied for user 'ann'@'10.0.0.5' (using password: YES)", "28000", 1045))));
        assertEquals(new ConnectFailure(Step.DATABASE, "Unknown database 'nope'."), driver.explain(attempt(
                new SQLSyntaxErrorException("(conn=18) Unknown database 'nope'", "42000", 1049))));
        assertEquals(new ConnectFailure(Step.DATABASE, "Access denied for user 'ann'@'%' to database 'hr'."),
                driver.explain(attempt(new SQLSyntaxErrorException(
                        "(conn=19) Access denied for user 'ann'@'%' to database 'hr'", "42000", 1044))));
        assertEquals(new ConnectFailure(Step.QUERY, "Table 'shop.x' doesn't exist."), driver.explain(
                new SQLSyntaxErrorException("(conn=20) Table 'shop.x' doesn't exist\nQuery is: SELECT * FROM x", "42S02", 1146)));
    }

    @Test
    void clientErrors() {
        assertEquals(Step.TCP, driver.explain(attempt(new SQLNonTransientConnectionException(
                "Socket fail to connect to address=(host=db.example.com)(port=3306)(type=primary). Connection refused",
                "08000", 0, new ConnectException("Connection refused")))).step());
        assertEquals(new ConnectFailure(Step.TLS, "The server at db.example.com:3306 does not accept TLS connections. "
                + "Turn TLS on at the server, or set the TLS mode to disable."), driver.explain(attempt(
                        new SQLNonTransientConnectionException("Trying to connect with ssl, but ssl not enabled in the server",
                                "08000"))));
        assertEquals(Step.AUTHENTICATION, driver.explain(attempt(new SQLNonTransientConnectionException(
                "RSA public key is not available client side (option serverRsaPublicKeyFile not set)", "S1009"))).step());
    }
}
