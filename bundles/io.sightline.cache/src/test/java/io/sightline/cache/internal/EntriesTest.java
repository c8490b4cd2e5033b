package io.sightline.cache.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.sightline.api.cache.CachedEntry;

class EntriesTest {
    private static final Instant STORED = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant EXPIRES = STORED.plusSeconds(60);

    @Test
    void anEntryReadsBackUntilItExpires() {
        byte[] stored = Entries.encode(new byte[] {1, 2, 3}, STORED, EXPIRES);

        CachedEntry entry = Entries.decode(stored, STORED.plusSeconds(59)).orElseThrow();
        assertArrayEquals(new byte[] {1, 2, 3}, entry.value());
        assertEquals(STORED, entry.storedAt());
        assertEquals(EXPIRES, entry.expiresAt());

        assertTrue(Entries.decode(stored, EXPIRES).isEmpty());
        assertTrue(Entries.decode(stored, EXPIRES.plusSeconds(1)).isEmpty());
    }

    @Test
    void anEmptyValueIsAValue() {
        assertArrayEquals(new byte[0], Entries.decode(Entries.encode(new byte[0], STORED, EXPIRES), STORED).orElseThrow().value());
    }

    @Test
    void unknownFormatsAndTruncatedEntriesAreMisses() {
        byte[] stored = Entries.encode(new byte[] {1}, STORED, EXPIRES);
        stored[0] = 2; // written by a later version
        assertTrue(Entries.decode(stored, STORED).isEmpty());
        assertTrue(Entries.decode(new byte[] {Entries.FORMAT, 0, 0}, STORED).isEmpty());
        assertTrue(Entries.decode(new byte[0], STORED).isEmpty());
    }
}
