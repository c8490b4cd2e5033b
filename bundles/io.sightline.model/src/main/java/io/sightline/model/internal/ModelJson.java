package io.sightline.model.internal;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.sightline.api.model.ModelDefinition;
import io.sightline.api.model.ModelException;

/** Definitions as stored JSON text and as plain maps (the export format). */
final class ModelJson {
    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelJson() {}

    static String write(ModelDefinition definition) {
        try {
            return MAPPER.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A model definition could not be written as JSON", e);
        }
    }

    static ModelDefinition read(String json) {
        try {
            return MAPPER.readValue(json, ModelDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored model definition is not readable: " + e.getOriginalMessage(), e);
        }
    }

    static Map<String, Object> toMap(ModelDefinition definition) {
        return MAPPER.convertValue(definition, new TypeReference<Map<String, Object>>() {});
    }

    /** A definition from an imported document; what does not fit is the importer's mistake. */
    static ModelDefinition fromMap(Object document) {
        try {
            return MAPPER.convertValue(document, ModelDefinition.class);
        } catch (IllegalArgumentException e) {
            String why = e.getCause() instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new ModelException("invalid", "The model definition does not fit the format: " + why, "definition");
        }
    }
}
