package io.sightline.query.internal.sql;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.sightline.api.query.BoundSql;
import io.sightline.api.query.BoundValue;
import io.sightline.api.query.DateRange;
import io.sightline.api.query.ParameterDefinition;
import io.sightline.api.query.ParameterType;
import io.sightline.api.query.ParameterValues;
import io.sightline.api.query.QueryRequest;
import io.sightline.query.internal.sql.SqlLexer.Token;

/**
 * SQL with parameters and optional blocks (SPEC Q-1), parsed once and bound to values as often as
 * needed. Snippets must be expanded first ({@link SnippetExpander}).
 *
 * <ul>
 * <li>{@code {{name}}} is a parameter; it becomes one {@code ?} placeholder, or one per element
 * ({@code ?, ?, ?}) for a list. A date range is used by its parts, {@code {{name.start}}} and
 * {@code {{name.end}}}.
 * <li>{@code [[ … ]]} is an optional block: it is kept, without its brackets, only when every
 * parameter in it has a value, and left out entirely otherwise. Blocks do not nest, and each uses
 * at least one parameter (to write {@code [[} or {@code ]]} as SQL, put a space between the
 * brackets).
 * </ul>
 * Values only ever become JDBC parameters: the SQL text of a {@link BoundSql} is the template text
 * with references replaced by placeholders, whatever the values are. Immutable and thread-safe.
 */
public final class SqlTemplate {

    private sealed interface Part permits Text, Reference, Block {}

    /** SQL text, kept as written (code, literals, comments). */
    private record Text(String sql) implements Part {}

    /** A {@code {{name}}} or {@code {{name.start}}}. */
    private record Reference(Token token) implements Part {
        String name() {
            return token.name();
        }
    }

    /** A {@code [[ … ]]} block; {@code open} is its {@code [[}. */
    private record Block(List<Part> parts, Token open) implements Part {}

    private final List<Part> parts;
    private final Set<String> parameterNames;

    private SqlTemplate(List<Part> parts, Set<String> parameterNames) {
        this.parts = parts;
        this.parameterNames = parameterNames;
    }

    /**
     * Parses SQL whose snippets are already expanded.
     *
     * @throws SqlTemplateException if the SQL cannot be read (see {@link SqlLexer#lex}), an optional
     *     block is nested, unbalanced or without a parameter, or a snippet reference is left
     */
    public static SqlTemplate parse(String sql) {
        List<Part> top = new ArrayList<>();
        List<Part> current = top;
        Token open = null;
        Set<String> names = new LinkedHashSet<>();
        StringBuilder text = new StringBuilder();
        for (Token token : SqlLexer.lex(sql)) {
            switch (token.kind()) {
                case CODE, STRING, QUOTED_IDENTIFIER, COMMENT -> text.append(token.text());
                case PARAMETER -> {
                    flush(text, current);
                    current.add(new Reference(token));
                    names.add(token.name());
                }
                case SNIPPET -> throw new SqlTemplateException("The snippet '" + token.name() + "' at "
                        + token.where() + " was not inserted.", token.line(), token.column());
                case OPTIONAL_START -> {
                    if (open != null) {
                        throw new SqlTemplateException("Optional blocks cannot be nested: the [[ at " + token.where()
                                + " is inside the block opened at " + open.where() + ".", token.line(), token.column());
                    }
                    flush(text, current);
                    open = token;
                    current = new ArrayList<>();
                }
                case OPTIONAL_END -> {
                    if (open == null) {
                        throw new SqlTemplateException("The ]] at " + token.where() + " closes no optional block [[."
                                + " To write ]] in SQL, put a space between the brackets.", token.line(),
                                token.column());
                    }
                    flush(text, current);
                    if (current.stream().noneMatch(Reference.class::isInstance)) {
                        throw new SqlTemplateException("The optional block [[ … ]] at " + open.where() + " uses no"
                                + " parameter, so it would always be kept. To write [[ in SQL, put a space between"
                                + " the brackets.", open.line(), open.column());
                    }
                    top.add(new Block(List.copyOf(current), open));
                    current = top;
                    open = null;
                }
            }
        }
        if (open != null) {
            throw new SqlTemplateException("The optional block [[ at " + open.where() + " is never closed: add ]].",
                    open.line(), open.column());
        }
        flush(text, current);
        return new SqlTemplate(List.copyOf(top), Collections.unmodifiableSet(names));
    }

    private static void flush(StringBuilder text, List<Part> parts) {
        if (!text.isEmpty()) {
            parts.add(new Text(text.toString()));
            text.setLength(0);
        }
    }

    /** The names of the parameters it uses, in order of first use, inside optional blocks too. */
    public Set<String> parameterNames() {
        return parameterNames;
    }

    /**
     * The SQL to prepare and the values to bind.
     *
     * <p>A parameter's value is the one in {@code values}, or its definition's default when there
     * is none (null, an empty list, a blank number or date). A required parameter must end up with
     * a value; so must every parameter used outside optional blocks.
     *
     * @param definitions parameter definitions by name; entries for unused parameters are ignored
     * @param values parameter values by name as they come from JSON: String, Number, List, or a Map
     *     with {@code start} and {@code end} for a date range (or already typed values, as in
     *     {@link ParameterDefinition}); null means none; entries for unused parameters are ignored
     * @throws SqlTemplateException if a parameter is used but not defined or used the wrong way
     *     (a date range without {@code .start}/{@code .end}, or a part of something else), a value
     *     does not fit its type, or a parameter that needs a value has none
     */
    public BoundSql bind(Map<String, ParameterDefinition> definitions, Map<String, Object> values) {
        return bind(definitions, values, LocalDate.now(QueryRequest.UTC));
    }

    /**
     * The SQL to prepare and the values to bind, with relative date values and defaults
     * ({@code last 7 days}, see {@link io.sightline.api.query.RelativeDates}) resolved against
     * {@code today}; otherwise as {@link #bind(Map, Map)}.
     *
     * @param today today's date in the user's time zone
     */
    public BoundSql bind(Map<String, ParameterDefinition> definitions, Map<String, Object> values, LocalDate today) {
        Objects.requireNonNull(definitions, "definitions");
        Objects.requireNonNull(today, "today");
        Map<String, Object> given = values == null ? Map.of() : values;
        List<Reference> references = new ArrayList<>();
        collect(parts, references);
        for (Reference reference : references) {
            checkUse(reference, definitions.get(reference.name()));
        }

        // Convert every used value first, so a bad value is reported even where its block is left out.
        Map<String, Object> resolved = new HashMap<>();
        for (String name : parameterNames) {
            ParameterDefinition definition = definitions.get(name);
            Object value;
            try {
                value = ParameterValues.convert(name, definition.type(), given.get(name), today);
                if (value == null) {
                    value = ParameterValues.resolve(name, definition.type(), definition.defaultValue(), today);
                }
            } catch (IllegalArgumentException e) {
                throw new SqlTemplateException(e.getMessage());
            }
            if (value == null && definition.required()) {
                throw needsValue(name);
            }
            resolved.put(name, value);
        }

        StringBuilder sql = new StringBuilder();
        List<BoundValue> bound = new ArrayList<>();
        for (Part part : parts) {
            if (part instanceof Block block) {
                List<Reference> inBlock = new ArrayList<>();
                collect(block.parts(), inBlock);
                if (inBlock.stream().allMatch(r -> resolved.get(r.name()) != null)) {
                    for (Part inner : block.parts()) {
                        render(inner, definitions, resolved, sql, bound);
                    }
                }
            } else {
                render(part, definitions, resolved, sql, bound);
            }
        }
        return new BoundSql(sql.toString(), bound);
    }

    private static void collect(List<Part> parts, List<Reference> into) {
        for (Part part : parts) {
            if (part instanceof Reference reference) {
                into.add(reference);
            } else if (part instanceof Block block) {
                collect(block.parts(), into);
            }
        }
    }

    private static void checkUse(Reference reference, ParameterDefinition definition) {
        Token token = reference.token();
        if (definition == null) {
            throw new SqlTemplateException("Parameter {{" + token.name() + "}} is used but not defined ("
                    + token.where() + ").", token.line(), token.column());
        }
        boolean range = definition.type() == ParameterType.DATE_RANGE;
        if (range && token.part() == null) {
            throw new SqlTemplateException("Parameter '" + token.name() + "' is a date range: use {{" + token.name()
                    + ".start}} and {{" + token.name() + ".end}} (" + token.where() + ").", token.line(),
                    token.column());
        }
        if (!range && token.part() != null) {
            throw new SqlTemplateException("Parameter '" + token.name() + "' is not a date range, so {{"
                    + token.name() + "." + token.part() + "}} is not allowed (" + token.where() + ").",
                    token.line(), token.column());
        }
    }

    private static void render(Part part, Map<String, ParameterDefinition> definitions, Map<String, Object> resolved,
            StringBuilder sql, List<BoundValue> bound) {
        if (part instanceof Text text) {
            sql.append(text.sql());
            return;
        }
        Reference reference = (Reference) part;
        String name = reference.name();
        ParameterType type = definitions.get(name).type();
        Object value = resolved.get(name);
        if (value == null) {
            throw needsValue(name);
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                sql.append(i == 0 ? "?" : ", ?");
                bound.add(new BoundValue(bound.size() + 1, name, type, list.get(i)));
            }
        } else {
            Object scalar = value instanceof DateRange range ? part(range, reference.token().part()) : value;
            sql.append('?');
            bound.add(new BoundValue(bound.size() + 1, name, type, scalar));
        }
    }

    private static LocalDate part(DateRange range, String part) {
        return part.equals("start") ? range.start() : range.end();
    }

    private static SqlTemplateException needsValue(String name) {
        return new SqlTemplateException("Parameter '" + name + "' needs a value.");
    }
}
