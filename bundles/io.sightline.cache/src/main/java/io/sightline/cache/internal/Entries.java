package io.sightline.cache.internal;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import io.sightline.api.cache.CachedEntry;

/**
 * How an entry is stored: a small header (format, stored-at, expires-at) before the caller's bytes.
 * Hazelcast knows when an entry expires, but reading that (getEntryView) would not count as a use for
 * LRU eviction; the header lets one plain get answer everything. The format byte lets a later version
 * in the same cluster recognise entries it cannot read and treat them as misses.
 */
final class Entries {
    static final byte FORMAT = 1;
    static final int HEADER = 1 + Long.BYTES + Long.BYTES;

    private Entries() {}

    static byte[] encode(byte[] value, Instant storedAt, Instant expiresAt) {
        return ByteBuffer.allocate(HEADER + value.length)
                .put(FORMAT)
                .putLong(storedAt.toEpochMilli())
                .putLong(expiresAt.toEpochMilli())
                .put(value)
                .array();
    }

    /** The entry, or empty when it has expired by {@code now} or is not in a format this version reads. */
    static Optional<CachedEntry> decode(byte[] stored, Instant now) {
        if (stored.length < HEADER || stored[0] != FORMAT) {
            return Optional.empty();
        }
        ByteBuffer header = ByteBuffer.wrap(stored, 1, HEADER - 1);
        Instant storedAt = Instant.ofEpochMilli(header.getLong());
        Instant expiresAt = Instant.ofEpochMilli(header.getLong());
        // Hazelcast expires entries by the owner's clock; this also holds when that clock is behind ours
        if (!expiresAt.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(new CachedEntry(Arrays.copyOfRange(stored, HEADER, stored.length), storedAt, expiresAt));
    }
}
