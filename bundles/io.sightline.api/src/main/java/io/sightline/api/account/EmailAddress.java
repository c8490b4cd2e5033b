package io.sightline.api.account;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one rule for email addresses, shared by sign-up, the store and the mailer, so that an
 * address accepted at sign-up can always be mailed: a dot-atom local part (letters, digits and
 * {@code !#$%&'*+/=?^_`{|}~-}, dots between them) and a host name (one or more labels, so
 * {@code admin@localhost} works for self-hosted installs). Quoted local parts are refused.
 */
public final class EmailAddress {
    private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern ADDRESS = Pattern.compile(ATOM + "(?:\\." + ATOM + ")*@" + LABEL + "(?:\\." + LABEL + ")*");
    public static final int MAX_LENGTH = 254;

    private EmailAddress() {}

    public static boolean isValid(String address) {
        return address != null
                && address.length() <= MAX_LENGTH
                && address.indexOf('@') <= 64
                && ADDRESS.matcher(address).matches();
    }

    /** Trimmed and lower-cased: the form in which addresses are stored and compared. */
    public static String normalize(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }
}
