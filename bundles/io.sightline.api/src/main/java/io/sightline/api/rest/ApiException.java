package io.sightline.api.rest;

/**
 * An error meant for the client, answered as
 * {@code {"error": {"code": …, "message": …, "field": …}}} with the given HTTP status.
 * The message is shown to people: plain words, no internals, never a secret.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final String field;

    /**
     * @param status HTTP status, 4xx or 5xx
     * @param code stable machine-readable code, e.g. {@code invalid_field}
     * @param message plain-words explanation
     * @param field name of the offending request field, or null
     */
    public ApiException(int status, String code, String message, String field) {
        super(message, null, false, false); // no stack trace: this is an answer, not a fault
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(400, "invalid_field", message, field);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message, null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
