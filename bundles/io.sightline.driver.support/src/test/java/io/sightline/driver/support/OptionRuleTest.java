package io.sightline.driver.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.sightline.driver.support.OptionRule.ValueCheck;

/** The value checks option allow-lists are made of (DS-7). */
class OptionRuleTest {

    @Test
    void bool() {
        ValueCheck check = OptionRule.bool();
        assertNull(check.problem("true"));
        assertNull(check.problem("false"));
        for (String bad : new String[] {"yes", "TRUE ", "1", "True"}) {
            assertEquals("must be true or false", check.problem(bad), bad);
        }
    }

    @Test
    void integer() {
        ValueCheck check = OptionRule.integer(0, 1_000_000);
        assertNull(check.problem("0"));
        assertNull(check.problem("1000000"));
        for (String bad : new String[] {"-1", "1000001", "ten", "99999999999999999999", "1e3", " 5", "5;x"}) {
            assertEquals("must be a whole number from 0 to 1000000", check.problem(bad), bad);
        }
        assertNull(OptionRule.integer(-5, 5).problem("-5"));
    }

    @Test
    void oneOf() {
        ValueCheck check = OptionRule.oneOf("varchar", "unspecified");
        assertNull(check.problem("varchar"));
        assertEquals("must be one of: varchar, unspecified", check.problem("text"));
        assertEquals("must be one of: varchar, unspecified", check.problem("VARCHAR"));
    }

    @Test
    void matches() {
        ValueCheck check = OptionRule.matches(Pattern.compile("[A-Za-z0-9_]{1,64}"), "must be a collation name");
        assertNull(check.problem("utf8mb4_unicode_ci"));
        assertEquals("must be a collation name", check.problem("utf8mb4_bin; SET x=1"));
    }

    @Test
    void text() {
        ValueCheck check = OptionRule.text(63);
        assertNull(check.problem("Sightline reports"));
        assertNull(check.problem("x".repeat(63)));
        assertEquals("must be 1 to 63 characters without control characters", check.problem("x".repeat(64)));
        assertEquals("must be 1 to 63 characters without control characters", check.problem("line\nbreak"));
    }

    @Test
    void listOf() {
        ValueCheck negatable = OptionRule.listOf(Set.of("password", "md5", "scram-sha-256"), true);
        assertNull(negatable.problem("scram-sha-256"));
        assertNull(negatable.problem("!password, !md5"));
        assertEquals("must be a comma-separated list of: md5, password, scram-sha-256 (each may start with !)",
                negatable.problem("password,kerberos"));
        ValueCheck plain = OptionRule.listOf(Set.of("client_ed25519", "mysql_native_password"), false);
        assertNull(plain.problem("client_ed25519,mysql_native_password"));
        assertEquals("must be a comma-separated list of: client_ed25519, mysql_native_password",
                plain.problem("!client_ed25519"));
        assertEquals("must be a comma-separated list of: client_ed25519, mysql_native_password", plain.problem("a,,b"));
    }

    @Test
    void timeZone() {
        ValueCheck check = OptionRule.timeZone("LOCAL", "SERVER");
        assertNull(check.problem("SERVER"));
        assertNull(check.problem("Europe/Berlin"));
        assertNull(check.problem("+02:00"));
        assertEquals("must be LOCAL, SERVER, a time zone such as Europe/Berlin, or an offset such as +02:00",
                check.problem("Mars/Olympus"));
        assertEquals("must be a time zone such as Europe/Berlin, or an offset such as +02:00",
                OptionRule.timeZone().problem("LOCAL"));
    }
}
