package io.sightline.api.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EmailAddressTest {
    @Test
    void acceptsOrdinaryAndSelfHostedAddresses() {
        for (String ok : new String[] {"ann@example.com", "a.b+tag@sub.example.co.uk", "admin@localhost",
            "o'brien@example.com", "x{}|~@example.com"}) {
            assertTrue(EmailAddress.isValid(ok), ok);
        }
    }

    @Test
    void refusesWhatAMailerWouldRefuse() {
        for (String bad : new String[] {".@example.com", "a..b@example.com", "a.@example.com", "@example.com", "a@",
            "a@-example.com", "a@example..com", "\"quoted\"@example.com", "a b@example.com", "a@b@c",
            "a@example.com\r\nBcc: x@example.com", "x".repeat(65) + "@example.com", "a@" + "b".repeat(260), null, ""}) {
            assertFalse(EmailAddress.isValid(bad), String.valueOf(bad));
        }
    }

    @Test
    void normalizesForStorage() {
        assertEquals("ann@example.com", EmailAddress.normalize("  Ann@Example.COM "));
    }
}
