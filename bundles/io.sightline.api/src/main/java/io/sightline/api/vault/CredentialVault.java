package io.sightline.api.vault;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Encrypts secrets before they are stored and decrypts them only at the moment of use (SPEC V-1).
 *
 * <p>The organization id and field name are bound to the ciphertext as associated data, so a
 * ciphertext copied to another row or organization fails to open. Thread-safe.
 */
@ProviderType
public interface CredentialVault {

    /**
     * Encrypts {@code plaintext}; the caller should clear the array afterwards.
     *
     * @param organizationId owner of the secret
     * @param field what the secret is, e.g. {@code datasource:42:password}
     * @return an opaque, self-describing text (key id, nonce, ciphertext) safe to store
     */
    String seal(String organizationId, String field, char[] plaintext);

    /**
     * Decrypts a value produced by {@link #seal}; the caller must clear the returned array.
     *
     * @throws SecurityException when the value was tampered with or bound to another owner/field
     */
    char[] open(String organizationId, String field, String sealed);
}
