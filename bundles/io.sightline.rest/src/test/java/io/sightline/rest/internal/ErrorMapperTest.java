package io.sightline.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import javax.ws.rs.NotAllowedException;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.sightline.api.rest.ApiException;

/** The mapping from exceptions to the JSON error model, with Jackson's real exceptions. */
class ErrorMapperTest {
    record Filter(String name, int limit, List<String> values) {}

    record Body(String title, Filter filter, List<Filter> more) {}

    private final ErrorMapper mapper = new ErrorMapper();

    private static ErrorBody.Detail detail(Response response) {
        return ((ErrorBody) response.getEntity()).error();
    }

    private Response parse(String json) {
        try {
            Json.MAPPER.readValue(json, Body.class);
        } catch (JsonProcessingException e) {
            return mapper.toResponse(e);
        }
        throw new AssertionError("parsed: " + json);
    }

    @Test
    void syntaxErrorsAre400WithPosition() {
        Response response = parse("{\"title\": ");
        assertEquals(400, response.getStatus());
        ErrorBody.Detail error = detail(response);
        assertEquals("malformed_json", error.code());
        assertTrue(error.message().startsWith("Malformed JSON: "), error.message());
        assertTrue(error.message().contains("line 1"), error.message());
        assertFalse(error.message().contains("Source"), error.message());
    }

    @Test
    void unknownAndMistypedFieldsNameTheFieldAndNoJavaType() {
        ErrorBody.Detail unknown = detail(parse("{\"title\":\"t\",\"colour\":1}"));
        assertEquals("unknown_field", unknown.code());
        assertEquals(null, unknown.field());
        assertEquals("Unknown field 'colour'.", unknown.message());

        ErrorBody.Detail nested = detail(parse("{\"more\":[{\"name\":\"a\",\"limit\":1},{\"name\":\"b\",\"limit\":\"x\"}]}"));
        assertEquals("more[1].limit", nested.field());
        assertEquals("Field 'more[1].limit' must be a number.", nested.message());

        ErrorBody.Detail list = detail(parse("{\"filter\":{\"name\":\"a\",\"limit\":1,\"values\":7}}"));
        assertEquals("filter.values", list.field());
        assertFalse(list.message().contains("io.sightline"), list.message());
    }

    @Test
    void bodiesOfTheWrongShapeNameNoJavaType() {
        for (String json : new String[] {"\"\"", "1", "true", "[]", "{\"\":1}", "null"}) {
            Response response;
            try {
                Json.MAPPER.readValue(json, Body.class);
                continue; // "null" reads as null: nothing to map
            } catch (JsonProcessingException e) {
                response = mapper.toResponse(e);
            }
            ErrorBody.Detail error = detail(response);
            assertEquals(400, response.getStatus(), json);
            assertFalse(error.message().contains("io.sightline") || error.message().contains("$"), json + ": " + error.message());
        }
        assertEquals(null, detail(parse("{\"\":1}")).field());
    }

    @Test
    void apiExceptionsKeepTheirStatusCodeAndField() {
        Response response = mapper.toResponse(ApiException.badRequest("email", "Not a valid email address."));
        assertEquals(400, response.getStatus());
        assertEquals(new ErrorBody.Detail("invalid_field", "Not a valid email address.", "email"), detail(response));
    }

    @Test
    void storeValidationMessagesBecomeFieldErrors() {
        assertEquals(new ErrorBody.Detail("invalid_field", "required", "name"),
                detail(mapper.toResponse(new IllegalArgumentException("name: required"))));
        Response conflict = mapper.toResponse(new IllegalStateException("email: already registered"));
        assertEquals(409, conflict.getStatus());
        assertEquals("email", detail(conflict).field());
    }

    @Test
    void routingErrorsAreJsonAndKeepAllow() {
        assertEquals("not_found", detail(mapper.toResponse(new NotFoundException())).code());
        Response notAllowed = mapper.toResponse(new NotAllowedException("not allowed", "GET", new String[] {"HEAD"}));
        assertEquals(405, notAllowed.getStatus());
        assertTrue(notAllowed.getHeaderString("Allow").contains("GET"));
    }

    @Test
    void anythingElseIs500WithAReferenceAndNoDetails() {
        Response response = mapper.toResponse(new NullPointerException("secret internal state"));
        assertEquals(500, response.getStatus());
        ErrorBody.Detail error = detail(response);
        assertEquals("internal_error", error.code());
        assertFalse(error.message().contains("secret"));
        assertTrue(error.message().contains("reference"));
    }
}
