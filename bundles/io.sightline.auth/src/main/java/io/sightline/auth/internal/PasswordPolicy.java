package io.sightline.auth.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import io.sightline.api.rest.ApiException;

/**
 * 8 to 128 characters, and not one of the 10,000 most common passwords (the ranked list of
 * the zxcvbn project, MIT licence, shipped in this bundle).
 */
final class PasswordPolicy {
    static final int MIN = 8;
    static final int MAX = 128;
    private static final Set<String> COMMON = load();

    private PasswordPolicy() {}

    /** @throws ApiException 400 naming {@code field} when the password is not acceptable */
    static void check(String field, String password) {
        if (password == null || password.isEmpty()) {
            throw ApiException.badRequest(field, "Enter a password.");
        }
        if (password.length() < MIN) {
            throw ApiException.badRequest(field, "Use at least " + MIN + " characters.");
        }
        if (password.length() > MAX) {
            throw ApiException.badRequest(field, "Use at most " + MAX + " characters.");
        }
        if (COMMON.contains(password.toLowerCase(Locale.ROOT))) {
            throw ApiException.badRequest(field, "This password is one of the most common ones; choose another.");
        }
    }

    static boolean isCommon(String password) {
        return COMMON.contains(password.toLowerCase(Locale.ROOT));
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>(16_384);
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines().map(String::strip).filter(w -> !w.isEmpty()).forEach(words::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
