package io.sightline.api.driver;

/**
 * Hands out a data source's password at the moment a connection is opened (from the vault); the
 * caller clears the array right after use. Null when the data source has no password.
 */
@FunctionalInterface
public interface PasswordSource {
    char[] password();
}
