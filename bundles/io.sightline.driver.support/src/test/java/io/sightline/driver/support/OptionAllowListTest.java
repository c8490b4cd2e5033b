package io.sightline.driver.support;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sightline.api.driver.InvalidConnectionOptionException;

/** DS-7: an allow-list of vendor properties, with reasons for the refused ones. */
class OptionAllowListTest {
    private static final List<OptionRule> RULES = List.of(
            new OptionRule("tcpKeepAlive", "Keep-alive probes.", OptionRule.bool()),
            new OptionRule("fetchSize", "Rows per round trip.", OptionRule.integer(0, 100)),
            new OptionRule("applicationName", "Name of the session.", OptionRule.text(10)));
    private static final Map<String, String> REFUSALS = Map.of(
            "socketFactory", "%s names a Java class; Sightline does not allow that.",
            "allowLocalInfile", "%s sends files of the Sightline server.");

    private static final OptionAllowList EXACT = new OptionAllowList("Example DB", RULES, REFUSALS, false,
            "%1$s is not an Example DB option; did you mean %2$s?");
    private static final OptionAllowList CASELESS_VENDOR = new OptionAllowList("Example DB", RULES, REFUSALS, true,
            "%1$s: write it as %2$s.");

    private static InvalidConnectionOptionException refused(OptionAllowList list, Map<String, String> options) {
        return assertThrows(InvalidConnectionOptionException.class, () -> list.check(options));
    }

    private static String refused(OptionAllowList list, String name, String value) {
        InvalidConnectionOptionException e = refused(list, Map.of(name, value));
        assertEquals(name, e.option());
        return e.getMessage();
    }

    @Test
    void descriptionsInRuleOrderAndUnmodifiable() {
        assertEquals(List.of("tcpKeepAlive", "fetchSize", "applicationName"), List.copyOf(EXACT.descriptions().keySet()));
        assertEquals("Rows per round trip.", EXACT.descriptions().get("fetchSize"));
        assertThrows(UnsupportedOperationException.class, () -> EXACT.descriptions().put("socketFactory", "x"));
    }

    @Test
    void allowedOptionsWithGoodValuesPass() {
        assertDoesNotThrow(() -> EXACT.check(Map.of()));
        assertDoesNotThrow(() -> EXACT.check(Map.of("tcpKeepAlive", "false", "fetchSize", "100", "applicationName", "BI")));
    }

    @Test
    void valuesAreCheckedAndRequired() {
        assertEquals("tcpKeepAlive must be true or false.", refused(EXACT, "tcpKeepAlive", "yes"));
        assertEquals("fetchSize must be a whole number from 0 to 100.", refused(EXACT, "fetchSize", "101"));
        assertEquals("tcpKeepAlive needs a value.", refused(EXACT, "tcpKeepAlive", ""));
        java.util.HashMap<String, String> nullValue = new java.util.HashMap<>();
        nullValue.put("fetchSize", null);
        assertEquals("fetchSize needs a value.", refused(EXACT, nullValue).getMessage());
    }

    @Test
    void refusedPropertiesGetTheirReason() {
        assertEquals("socketFactory names a Java class; Sightline does not allow that.",
                refused(EXACT, "socketFactory", "org.example.Evil"));
        assertEquals("allowLocalInfile sends files of the Sightline server.", refused(EXACT, "allowLocalInfile", "true"));
    }

    @Test
    void unknownPropertiesAreRefusedWithTheAllowList() {
        assertEquals("frobnicate is not an option Sightline allows for Example DB. Allowed options: tcpKeepAlive, "
                + "fetchSize, applicationName.", refused(EXACT, "frobnicate", "1"));
        // shortened, without control characters
        String message = refused(EXACT, "x\n".repeat(50) + "y".repeat(100), "1");
        assertTrue(message.startsWith("x".repeat(50) + "y".repeat(10) + "… is not an option"), message);
    }

    @Test
    void aNearMissInCaseGetsTheDriversHint() {
        assertEquals("tcpkeepalive is not an Example DB option; did you mean tcpKeepAlive?",
                refused(EXACT, "tcpkeepalive", "true"));
        assertEquals("FETCHSIZE: write it as fetchSize.", refused(CASELESS_VENDOR, "FETCHSIZE", "1"));
    }

    @Test
    void whenTheVendorIgnoresCaseRefusedPropertiesAreRefusedInEverySpelling() {
        assertEquals("AllowLocalInfile sends files of the Sightline server.",
                refused(CASELESS_VENDOR, "AllowLocalInfile", "true"));
        // an exact-case vendor would not read SocketFactory as socketFactory: it is just unknown
        assertEquals("SocketFactory is not an option Sightline allows for Example DB. Allowed options: tcpKeepAlive, "
                + "fetchSize, applicationName.", refused(EXACT, "SocketFactory", "x"));
    }

    @Test
    void theFirstRefusedOptionInNameOrderIsNamed() {
        assertEquals("allowLocalInfile", refused(EXACT,
                Map.of("tcpKeepAlive", "true", "socketFactory", "a", "allowLocalInfile", "b")).option());
        assertEquals("fetchSize", refused(EXACT, Map.of("tcpKeepAlive", "no", "fetchSize", "-1")).option());
    }
}
