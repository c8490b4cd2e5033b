package io.sightline.api.vault;

import java.time.Instant;

/**
 * One stored secret as the database holds it: encrypted, with the id of the data key it needs.
 *
 * @param organizationId owner
 * @param name field name, e.g. {@code datasource:42:password}
 * @param dataKeyId the data key that encrypts it
 * @param ciphertext nonce, ciphertext and tag
 * @param updatedAt when it was last written
 */
public record SealedSecret(String organizationId, String name, String dataKeyId, byte[] ciphertext, Instant updatedAt) {

    @Override
    public String toString() {
        return "SealedSecret[" + organizationId + "/" + name + ", key " + dataKeyId + "]";
    }
}
