package io.sightline.driver.support;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One connection option a data source may set (SPEC DS-7): its name, a one-line description for
 * people, and the check its value must pass. The static methods make the usual checks.
 *
 * <p>Why here: drivers with an allow-list of vendor properties ({@link OptionAllowList}) describe
 * each allowed property with one of these. Immutable and thread-safe, as are the checks made here.
 *
 * @param name the option's name, matched exactly
 * @param description one line for people, shown with the allowed options
 * @param check what the value must be
 */
public record OptionRule(String name, String description, ValueCheck check) {

    /** Checks an option value; returns null when it is fine, otherwise what is wrong. */
    @FunctionalInterface
    public interface ValueCheck {
        /**
         * @param value the value, never null or empty
         * @return null if {@code value} is acceptable, else a phrase that ends the message "name ..."
         *     (for example "must be true or false")
         */
        String problem(String value);
    }

    /** {@code true} or {@code false}, exactly. */
    public static ValueCheck bool() {
        return value -> "true".equals(value) || "false".equals(value) ? null : "must be true or false";
    }

    /** A whole number from {@code min} to {@code max}. */
    public static ValueCheck integer(long min, long max) {
        return value -> {
            String problem = "must be a whole number from " + min + " to " + max;
            if (!value.matches("-?[0-9]{1,10}")) {
                return problem;
            }
            long number = Long.parseLong(value);
            return number < min || number > max ? problem : null;
        };
    }

    /** One of {@code allowed}, exactly. */
    public static ValueCheck oneOf(String... allowed) {
        List<String> values = Arrays.asList(allowed);
        return value -> values.contains(value) ? null : "must be one of: " + String.join(", ", values);
    }

    /** A value matching {@code pattern} as a whole; {@code explanation} says what that is. */
    public static ValueCheck matches(Pattern pattern, String explanation) {
        return value -> pattern.matcher(value).matches() ? null : explanation;
    }

    /** Printable text without control characters, at most {@code maxLength} characters. */
    public static ValueCheck text(int maxLength) {
        return value -> value.isEmpty() || value.length() > maxLength || value.chars().anyMatch(Character::isISOControl)
                ? "must be 1 to " + maxLength + " characters without control characters"
                : null;
    }

    /** A comma-separated list whose items each come from {@code allowed}, optionally prefixed by {@code !}. */
    public static ValueCheck listOf(Set<String> allowed, boolean negatable) {
        String problem = "must be a comma-separated list of: " + String.join(", ", allowed.stream().sorted().toList())
                + (negatable ? " (each may start with !)" : "");
        return value -> {
            for (String item : value.split(",", -1)) {
                String name = item.strip();
                if (negatable && name.startsWith("!")) {
                    name = name.substring(1);
                }
                if (!allowed.contains(name)) {
                    return problem;
                }
            }
            return null;
        };
    }

    /** A time zone: {@code extra} keywords, a region such as Europe/Berlin, or an offset such as +02:00. */
    public static ValueCheck timeZone(String... extra) {
        List<String> keywords = Arrays.asList(extra);
        return value -> {
            if (keywords.contains(value)) {
                return null;
            }
            try {
                ZoneId.of(value);
                return null;
            } catch (DateTimeException e) {
                return "must be " + (keywords.isEmpty() ? "" : String.join(", ", keywords) + ", ")
                        + "a time zone such as Europe/Berlin, or an offset such as +02:00";
            }
        };
    }
}
