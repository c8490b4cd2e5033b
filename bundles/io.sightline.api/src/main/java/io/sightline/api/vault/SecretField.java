package io.sightline.api.vault;

/**
 * How the API shows a stored secret: whether it is set, never its value (SPEC V-2). Serializes as
 * {@code {"set": true}}; a request replaces the secret by sending a plain string instead.
 */
public record SecretField(boolean set) {
    public static final SecretField SET = new SecretField(true);
    public static final SecretField UNSET = new SecretField(false);

    public static SecretField of(boolean set) {
        return set ? SET : UNSET;
    }
}
