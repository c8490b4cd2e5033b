package io.sightline.api.account;

/**
 * What sign-in needs to know about a user. Holds a password hash: never log or return it.
 *
 * @param user the user
 * @param passwordHash encoded hash with its parameters, or null when no password is set
 * @param emailConfirmed whether the address was confirmed
 * @param state lockout bookkeeping
 */
public record Credentials(User user, String passwordHash, boolean emailConfirmed, SignInState state) {
    @Override
    public String toString() {
        return "Credentials[user=" + user.id() + ", emailConfirmed=" + emailConfirmed + "]";
    }
}
