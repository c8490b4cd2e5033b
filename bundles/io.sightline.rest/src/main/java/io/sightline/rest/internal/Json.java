package io.sightline.rest.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one Jackson configuration of the API: ISO-8601 times, unknown fields refused. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // A misspelt field is a client bug worth a clear 400, not silently dropped data.
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // The provider flushes after every value; passed on, that made Jetty send the body as a
            // chunk and an end chunk (two TLS records). Unflushed, a small body goes out once, with
            // a Content-Length, when the response completes.
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    static {
        MAPPER.getFactory().disable(com.fasterxml.jackson.core.JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
    }

    private Json() {}
}
