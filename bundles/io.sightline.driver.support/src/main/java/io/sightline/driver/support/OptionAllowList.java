package io.sightline.driver.support;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.sightline.api.driver.InvalidConnectionOptionException;

/**
 * The vendor properties a data source may set (SPEC DS-7): an allow-list of {@link OptionRule}s, so
 * that a property added by a future vendor release is refused until someone has looked at it. Names
 * are matched exactly. A refused property gets the reason the driver gives for it, or the list of
 * allowed ones; a near miss in case gets a hint.
 *
 * <p>Why here: drivers that pass options to the vendor as JDBC properties (PostgreSQL, MariaDB) check
 * them the same way and differ only in their rules, their reasons and the wording of the hint.
 * Immutable and thread-safe.
 */
public final class OptionAllowList {
    private final String product;
    private final List<OptionRule> rules;
    private final Map<String, OptionRule> byName;
    private final Map<String, String> descriptions;
    private final Map<String, String> refusals;
    private final boolean vendorIgnoresCase;
    private final String nearMiss;

    /**
     * @param product the database in words, for "... is not an option Sightline allows for {product}"
     * @param rules the allowed options, in the order shown to people
     * @param refusals why well-known properties are refused: name to a format whose {@code %s} is the name
     * @param vendorIgnoresCase whether the vendor reads property names without regard to case; then
     *     a refused property is refused with its reason in any spelling
     * @param nearMiss the message for a name that differs from an allowed one in case only: a
     *     format with {@code %1$s} the name given and {@code %2$s} the allowed name
     */
    public OptionAllowList(String product, List<OptionRule> rules, Map<String, String> refusals,
            boolean vendorIgnoresCase, String nearMiss) {
        this.product = product;
        this.rules = List.copyOf(rules);
        this.refusals = Map.copyOf(refusals);
        this.vendorIgnoresCase = vendorIgnoresCase;
        this.nearMiss = nearMiss;
        Map<String, OptionRule> names = new HashMap<>();
        Map<String, String> described = new LinkedHashMap<>();
        for (OptionRule rule : this.rules) {
            names.put(rule.name(), rule);
            described.put(rule.name(), rule.description());
        }
        this.byName = Map.copyOf(names);
        this.descriptions = Collections.unmodifiableMap(described);
    }

    /** Option name to description, in the order of the rules; unmodifiable. */
    public Map<String, String> descriptions() {
        return descriptions;
    }

    /**
     * Refuses the first option (in name order) that is not allowed, has no value, or whose value
     * fails its rule, naming it as the exception's option.
     */
    public void check(Map<String, String> options) {
        for (Map.Entry<String, String> option : new TreeMap<>(options).entrySet()) {
            String name = option.getKey();
            OptionRule rule = byName.get(name);
            if (rule == null) {
                throw new InvalidConnectionOptionException(name, refusal(name));
            }
            String value = option.getValue();
            if (value == null || value.isEmpty()) {
                throw new InvalidConnectionOptionException(name, name + " needs a value.");
            }
            String problem = rule.check().problem(value);
            if (problem != null) {
                throw new InvalidConnectionOptionException(name, name + " " + problem + ".");
            }
        }
    }

    private String refusal(String name) {
        String reason = refusals.get(name);
        if (reason != null) {
            return String.format(reason, name);
        }
        if (vendorIgnoresCase) {
            for (Map.Entry<String, String> refused : refusals.entrySet()) {
                if (refused.getKey().equalsIgnoreCase(name)) {
                    // the vendor would read it as the property it resembles
                    return String.format(refused.getValue(), name);
                }
            }
        }
        for (OptionRule rule : rules) {
            if (rule.name().equalsIgnoreCase(name)) {
                return String.format(nearMiss, name, rule.name());
            }
        }
        return shown(name) + " is not an option Sightline allows for " + product + ". Allowed options: "
                + String.join(", ", descriptions.keySet()) + ".";
    }

    /** An unknown name as typed, shortened and without control characters, for the message. */
    static String shown(String name) {
        String clean = name.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > 60 ? clean.substring(0, 60) + "…" : clean;
    }
}
