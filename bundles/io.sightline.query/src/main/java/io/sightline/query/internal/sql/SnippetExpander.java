package io.sightline.query.internal.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import io.sightline.query.internal.sql.SqlLexer.Kind;
import io.sightline.query.internal.sql.SqlLexer.Token;

/**
 * Replaces {@code {{snippet:name}}} with the text of the named SQL snippet (SPEC Q-1), before the
 * SQL is parsed as a {@link SqlTemplate}. Snippets may use parameters and other snippets; a
 * reference inside a string literal, quoted identifier or comment is left alone.
 *
 * <p>Limits keep a bad or hostile set of snippets from hanging the server: snippets nest at most
 * {@value #MAX_DEPTH} deep, are inserted at most {@value #MAX_USES} times in all, and the result is
 * at most {@value #MAX_LENGTH} characters.
 *
 * <p>Thread-safe if the lookup is.
 */
public final class SnippetExpander {
    public static final int MAX_DEPTH = 10;
    public static final int MAX_USES = 1_000;
    public static final int MAX_LENGTH = 1_000_000;

    private final Function<String, Optional<String>> lookup;

    /**
     * @param lookup the text of a snippet by name, or empty if there is no such snippet; it is
     *     called at most once per name and {@link #expand} call
     */
    public SnippetExpander(Function<String, Optional<String>> lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    /**
     * The SQL with every snippet reference replaced by the snippet's text, recursively.
     *
     * @throws SqlTemplateException if a snippet does not exist, snippets refer to each other in a
     *     loop or nest too deep, a snippet's SQL cannot be read (e.g. an unclosed string), or the
     *     result is too long; errors are placed at the reference in {@code sql}
     */
    public String expand(String sql) {
        Objects.requireNonNull(sql, "sql");
        Run run = new Run();
        StringBuilder out = new StringBuilder(Math.min(sql.length(), MAX_LENGTH));
        for (Token token : SqlLexer.lex(sql)) {
            if (token.kind() == Kind.SNIPPET) {
                try {
                    run.insert(token.name(), new ArrayList<>(List.of(token.name())), out);
                } catch (SqlTemplateException e) {
                    // Place the error at the reference the user can see and change.
                    throw new SqlTemplateException(e.getMessage(), token.line(), token.column());
                }
            } else {
                append(out, token.text());
            }
        }
        return out.toString();
    }

    /** The state of one {@link #expand} call. */
    private final class Run {
        // Each snippet is looked up and lexed once, however often it is used.
        private final Map<String, List<Token>> lexed = new HashMap<>();
        private int uses;

        /** Appends the expansion of the snippet that {@code chain} ends with (the top-level reference first). */
        void insert(String name, List<String> chain, StringBuilder out) {
            if (++uses > MAX_USES) {
                throw new SqlTemplateException("The query uses snippets more than " + String.format(Locale.ROOT,
                        "%,d", MAX_USES) + " times (counting snippets inside snippets).");
            }
            if (chain.size() > MAX_DEPTH) {
                throw new SqlTemplateException("Snippets are nested more than " + MAX_DEPTH + " levels deep: "
                        + String.join(" → ", chain) + ".");
            }
            List<Token> tokens = tokens(name, chain);
            for (Token token : tokens) {
                if (token.kind() == Kind.SNIPPET) {
                    if (chain.contains(token.name())) {
                        chain.add(token.name());
                        throw new SqlTemplateException("Snippets refer to each other in a loop: "
                                + String.join(" → ", chain) + ".");
                    }
                    chain.add(token.name());
                    insert(token.name(), chain, out);
                    chain.remove(chain.size() - 1);
                } else {
                    append(out, token.text());
                }
            }
            // A snippet ending in a -- comment would otherwise comment out the SQL after its reference.
            Token last = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
            if (last != null && last.kind() == Kind.COMMENT && last.text().startsWith("--")) {
                append(out, "\n");
            }
        }

        private List<Token> tokens(String name, List<String> chain) {
            List<Token> tokens = lexed.get(name);
            if (tokens != null) {
                return tokens;
            }
            Optional<String> text = lookup.apply(name);
            if (text == null || text.isEmpty()) {
                String usedIn = chain.size() < 2 ? "" : " (used in snippet '" + chain.get(chain.size() - 2) + "')";
                throw new SqlTemplateException("There is no snippet named '" + name + "'" + usedIn + ".");
            }
            if (text.get().length() > MAX_LENGTH) {
                throw tooLong();
            }
            try {
                tokens = SqlLexer.lex(text.get());
            } catch (SqlTemplateException e) {
                throw new SqlTemplateException("In snippet '" + name + "': " + e.getMessage());
            }
            lexed.put(name, tokens);
            return tokens;
        }
    }

    private static void append(StringBuilder out, String text) {
        if (out.length() + text.length() > MAX_LENGTH) {
            throw tooLong();
        }
        out.append(text);
    }

    private static SqlTemplateException tooLong() {
        return new SqlTemplateException("The SQL is too long: it may have at most "
                + String.format(Locale.ROOT, "%,d", MAX_LENGTH) + " characters, counting the text of its snippets.");
    }
}
