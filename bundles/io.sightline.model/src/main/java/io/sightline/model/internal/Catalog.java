package io.sightline.model.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.sightline.api.driver.SchemaInfo;

/**
 * The tables and columns of a data source as its metadata last read them (DS-5): the stored
 * schema JSON, an array of {@link SchemaInfo}, looked up by exact name. Immutable.
 */
final class Catalog {
    private final Map<String, Map<String, SchemaInfo.Table>> tables = new HashMap<>();

    private Catalog(List<SchemaInfo> schemas) {
        for (SchemaInfo schema : schemas) {
            Map<String, SchemaInfo.Table> byName = tables.computeIfAbsent(schema.name(), s -> new HashMap<>());
            for (SchemaInfo.Table table : schema.tables()) {
                byName.put(table.name(), table);
            }
        }
    }

    static Catalog parse(String schemaJson) {
        try {
            return new Catalog(List.of(ModelJson.MAPPER.readValue(schemaJson, SchemaInfo[].class)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The stored schema is not readable: " + e.getOriginalMessage(), e);
        }
    }

    static Catalog of(List<SchemaInfo> schemas) {
        return new Catalog(schemas);
    }

    boolean hasSchema(String schema) {
        return tables.containsKey(schema);
    }

    Optional<SchemaInfo.Table> table(String schema, String table) {
        return Optional.ofNullable(tables.getOrDefault(schema, Map.of()).get(table));
    }

    /** A name that differs only in case, to suggest; null when there is none. */
    static String sameIgnoringCase(Iterable<String> names, String wanted) {
        for (String name : names) {
            if (name.toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT))) {
                return name;
            }
        }
        return null;
    }

    Iterable<String> schemaNames() {
        return tables.keySet();
    }

    Iterable<String> tableNames(String schema) {
        return tables.getOrDefault(schema, Map.of()).keySet();
    }
}
