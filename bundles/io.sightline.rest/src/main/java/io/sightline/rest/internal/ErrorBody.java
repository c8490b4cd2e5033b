package io.sightline.rest.internal;

/** The JSON error model of every failed API call: {@code {"error": {"code", "message", "field"}}}. */
public record ErrorBody(Detail error) {

    /**
     * @param code stable machine-readable code
     * @param message plain words for people
     * @param field offending request field, or null
     */
    public record Detail(String code, String message, String field) {}

    static ErrorBody of(String code, String message, String field) {
        return new ErrorBody(new Detail(code, message, field));
    }
}
