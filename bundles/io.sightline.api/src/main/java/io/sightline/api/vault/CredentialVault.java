package io.sightline.api.vault;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Keeps secrets (data source passwords, SSH keys and passphrases, client TLS keys, webhook URLs)
 * encrypted at rest with AES-256-GCM and decrypts them only at the moment of use (SPEC V-1).
 *
 * <p>A secret is named by its organization and a field name such as
 * {@code datasource:42:password}. Both are bound to the ciphertext as associated data, so a
 * ciphertext copied to another name or organization fails to open. Nothing here ever logs or
 * returns a secret except {@link #open}. Thread-safe.
 */
@ProviderType
public interface CredentialVault {

    /**
     * Encrypts {@code plaintext} and stores it under {@code name}, replacing any earlier value. The
     * caller should clear the array afterwards.
     *
     * @param name at most 200 characters
     * @throws IllegalArgumentException when a name is empty or too long, or the value empty
     */
    void put(String organizationId, String name, char[] plaintext);

    /**
     * Decrypts the secret stored under {@code name}; the caller must clear the returned array as
     * soon as it has used it.
     *
     * @return the plaintext, or null when no secret is stored under that name
     * @throws SecurityException when the stored value was tampered with or moved
     */
    char[] open(String organizationId, String name);

    /** Whether a secret is stored under {@code name}: what the API and UI show instead of the value. */
    boolean isSet(String organizationId, String name);

    /** Removes the secret under {@code name}; nothing happens when none is set. */
    void delete(String organizationId, String name);

    /** Removes every secret whose name starts with {@code prefix}, e.g. {@code datasource:42:}. */
    void deleteAll(String organizationId, String prefix);
}
