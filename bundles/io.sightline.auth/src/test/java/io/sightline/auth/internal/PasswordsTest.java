package io.sightline.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.sightline.api.rest.ApiException;

class PasswordsTest {
    // Small parameters keep the unit test fast; the defaults are measured in docs/benchmarks.md.
    private final PasswordHasher hasher = new PasswordHasher(1024, 1, 1);

    @Test
    void hashesAreSaltedArgon2idAndVerify() {
        String a = hasher.hash("correct horse battery");
        String b = hasher.hash("correct horse battery");
        assertTrue(a.startsWith("$argon2id$v=19$m=1024,t=1,p=1$"), a);
        assertNotEquals(a, b, "same password, same hash: no salt");
        assertTrue(hasher.verify("correct horse battery", a));
        assertFalse(hasher.verify("correct horse batterY", a));
    }

    @Test
    void parametersTravelWithTheHash() {
        String old = hasher.hash("correct horse battery");
        PasswordHasher stronger = new PasswordHasher(2048, 2, 1);
        assertTrue(stronger.verify("correct horse battery", old), "old hashes still verify");
        assertTrue(stronger.needsRehash(old));
        assertFalse(stronger.needsRehash(stronger.hash("x")));
    }

    @Test
    void malformedHashesNeverVerify() {
        for (String bad : new String[] {"", "$argon2id$", "$argon2i$v=19$m=1,t=1,p=1$AA$AA", "$argon2id$v=19$m=x$AA$AA",
            "$2a$12$abcdefghijklmnopqrstuv"}) {
            assertFalse(hasher.verify("anything", bad), bad);
        }
    }

    @Test
    void policyNamesTheFieldAndRefusesShortLongAndCommonPasswords() {
        assertEquals("password", assertThrows(ApiException.class, () -> PasswordPolicy.check("password", "short")).field());
        assertThrows(ApiException.class, () -> PasswordPolicy.check("password", "x".repeat(129)));
        assertThrows(ApiException.class, () -> PasswordPolicy.check("password", null));
        ApiException common = assertThrows(ApiException.class, () -> PasswordPolicy.check("newPassword", "Password1"));
        assertEquals("newPassword", common.field());
        assertTrue(PasswordPolicy.isCommon("qwertyuiop"));
        PasswordPolicy.check("password", "violet-tractor-harbour-93");
    }

    @Test
    void tokensAre256BitAndStoredAsSha256() {
        String token = Secrets.newToken();
        assertEquals(43, token.length());
        assertNotEquals(token, Secrets.newToken());
        assertEquals(64, Secrets.sha256(token).length());
        assertEquals("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", Secrets.sha256("test"));
    }
}
