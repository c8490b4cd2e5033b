package io.sightline.api.vault;

import java.time.Instant;

/**
 * An organization's data key, stored only wrapped (encrypted) by a master key that lives outside
 * the database (SPEC V-3).
 *
 * @param id key id, stored with every value it encrypts
 * @param organizationId the organization whose secrets it encrypts
 * @param masterKeyId the master key that wraps it
 * @param wrapped the data key encrypted with that master key (nonce, ciphertext and tag)
 * @param active whether new secrets of the organization are encrypted with it (one per organization)
 * @param createdAt when it was made
 */
public record DataKey(String id, String organizationId, String masterKeyId, byte[] wrapped, boolean active,
        Instant createdAt) {

    @Override
    public String toString() {
        return "DataKey[" + id + ", organization " + organizationId + ", master " + masterKeyId
                + (active ? ", active" : "") + "]";
    }
}
