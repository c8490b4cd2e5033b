package io.sightline.api.cache;

import java.time.Instant;
import java.util.Objects;

/**
 * One cached result, as {@link ResultCache#get} returns it. The UI shows {@code storedAt} as
 * "cached at …" on a dashboard tile (SPEC U-2).
 *
 * <p>The array is neither copied nor compared by content (a result may be megabytes):
 * {@link ResultCache#get} hands out a fresh array each time, which its caller owns.
 *
 * @param value the bytes given to {@link ResultCache#put}, never null
 * @param storedAt when the entry was put, never null
 * @param expiresAt when the entry stops being served, never null and after {@code storedAt}
 */
public record CachedEntry(byte[] value, Instant storedAt, Instant expiresAt) {
    public CachedEntry {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(storedAt, "storedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
