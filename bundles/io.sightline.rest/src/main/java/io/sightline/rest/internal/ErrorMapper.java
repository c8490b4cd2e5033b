package io.sightline.rest.internal;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Request;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.ext.ExceptionMapper;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.sightline.api.rest.ApiException;
import io.sightline.api.rest.RestApplication;

/**
 * Turns every exception into the JSON error model, so no stack trace or HTML page ever reaches a
 * client. Messages come only from {@link ApiException}, from JAX-RS routing, from JSON parsing,
 * and from store validation messages of the form {@code field: message}; anything else is a 500
 * whose details go to the log under a reference the client can quote.
 */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsApplicationSelect(RestApplication.SELECT)
public class ErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
    /** A qualified Java name such as {@code io.sightline.x.Y} or {@code java.lang.String}. */
    private static final Pattern JAVA_NAME = Pattern.compile("\\b[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+\\.[A-Z]");
    private static final Pattern FIELD_MESSAGE = Pattern.compile("([A-Za-z][A-Za-z0-9_.]*): (.+)", Pattern.DOTALL);

    @Context
    UriInfo uriInfo;

    @Context
    Request request;

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof ApiException api) {
            return respond(api.status(), api.code(), api.getMessage(), api.field());
        }
        JsonMappingException mapping = cause(e, JsonMappingException.class);
        if (mapping instanceof UnrecognizedPropertyException unknown) {
            // Not a field of the request: name it in the message only, so clients never get a
            // "field" the form does not have.
            String name = String.valueOf(unknown.getPropertyName());
            return respond(400, "unknown_field",
                    "Unknown field '" + (name.length() > 60 ? name.substring(0, 60) + "…" : name) + "'.", null);
        }
        if (mapping != null) {
            String field = field(mapping);
            return respond(400, field == null ? "malformed_json" : "invalid_field", describe(mapping, field), field);
        }
        JsonProcessingException json = cause(e, JsonProcessingException.class);
        if (json != null) {
            return respond(400, "malformed_json", describe(json), null);
        }
        if (e instanceof WebApplicationException web) {
            return fromRouting(web);
        }
        Matcher m = e.getMessage() == null ? null : FIELD_MESSAGE.matcher(e.getMessage());
        if (m != null && m.matches()) {
            if (e instanceof IllegalArgumentException) {
                return respond(400, "invalid_field", m.group(2), m.group(1));
            }
            if (e instanceof IllegalStateException) {
                return respond(409, "conflict", m.group(2), m.group(1));
            }
        }
        if (cause(e, IOException.class) != null) {
            // Mostly a client that went away mid-response; nothing to fix on our side.
            LOG.warn("I/O error in {}: {}", describeRequest(), e.toString());
            return respond(500, "internal_error", "The response could not be written.", null);
        }
        String reference = UUID.randomUUID().toString();
        LOG.error("Unhandled error in {} (reference {})", describeRequest(), reference, e);
        return respond(500, "internal_error",
                "Something went wrong on the server. The error was logged with reference " + reference + ".", null);
    }

    private Response fromRouting(WebApplicationException web) {
        Response original = web.getResponse();
        int status = original.getStatus();
        String message = switch (status) {
            case 404 -> "No API route for " + describeRequest() + ".";
            case 405 -> "Method not allowed for " + describeRequest() + ".";
            case 406 -> "This route answers only application/json.";
            case 415 -> "Send the request body as application/json.";
            case 400 -> "The request is malformed.";
            default -> reason(status);
        };
        String code = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 415 -> "unsupported_media_type";
            case 400 -> "bad_request";
            default -> status >= 500 ? "internal_error" : "http_" + status;
        };
        if (status >= 500) {
            LOG.warn("Server error {} in {}", status, describeRequest(), web);
        }
        Response.ResponseBuilder builder = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(code, message, null));
        if (original.getHeaderString("Allow") != null) {
            builder.header("Allow", original.getHeaderString("Allow"));
        }
        return builder.build();
    }

    static Response respond(int status, String code, String message, String field) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(code, message, field))
                .build();
    }

    /** Jackson's words for a syntax error, without its description of the input source. */
    static String describe(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        int source = message.indexOf(" (start marker at");
        if (source < 0) {
            source = message.indexOf(" at [Source");
        }
        if (source >= 0) {
            message = message.substring(0, source);
        }
        if (JAVA_NAME.matcher(message).find()) {
            message = "the body is not valid JSON";
        }
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return "Malformed JSON: " + message + where;
    }

    /** Plain words for a well-formed body that does not fit; never Jackson's text, which names Java types. */
    static String describe(JsonMappingException e, String field) {
        if (field == null) {
            return "Send a JSON object with the documented fields.";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "Field '" + field + "' must be " + kind(mismatch.getTargetType()) + ".";
        }
        return "Field '" + field + "' has an invalid value.";
    }

    private static String kind(Class<?> type) {
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }

    /** The JSON path of the offending field, e.g. {@code filters[2].name}, or null. */
    static String field(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                field.append(field.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.length() == 0 ? null : field.toString();
    }

    private String describeRequest() {
        try {
            return request.getMethod() + " /" + RestApplication.BASE + "/" + uriInfo.getPath(false).replaceFirst("^/", "");
        } catch (RuntimeException outsideRequest) {
            return "this request";
        }
    }

    private static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "HTTP " + status : known.getReasonPhrase();
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
