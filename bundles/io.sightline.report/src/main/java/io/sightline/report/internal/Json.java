package io.sightline.report.internal;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON text this module stores in the content records, and the reading of import documents.
 * Unknown fields are ignored: stored JSON may come from a later version of this module, and an
 * import document from a later minor version of the format.
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Not serializable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON does not read back: " + e.getOriginalMessage(), e);
        }
    }

    /** Converts a parsed JSON tree (maps and lists) into a record; the message names no Java type. */
    static <T> T convert(Object tree, Class<T> type) {
        return MAPPER.convertValue(tree, type);
    }

    static Map<String, Object> readObject(String json) {
        return read(json, new TypeReference<Map<String, Object>>() {});
    }
}
