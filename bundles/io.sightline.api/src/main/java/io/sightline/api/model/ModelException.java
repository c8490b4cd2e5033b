package io.sightline.api.model;

/**
 * A model or selection that cannot compile: an unknown model, dimension, metric, table or column,
 * or a filter that does not fit its field. The message is meant for the user and names the field.
 */
public class ModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why: {@code not_found} (no such model visible to the caller) or {@code invalid}. */
    private final String code;
    /** The offending field as a JSON path, e.g. {@code definition.dimensions[2].column}, or null. */
    private final String field;

    public ModelException(String code, String message) {
        this(code, message, null);
    }

    /**
     * @param field the offending request field as a JSON path ({@code definition.dimensions[2].column},
     *     {@code filters[0].values[1]}), or null
     * @since 1.1
     */
    public ModelException(String code, String message, String field) {
        super(message, null, false, false); // an answer for the user, not a fault
        this.code = code;
        this.field = field;
    }

    public String code() {
        return code;
    }

    /**
     * The offending field, or null when the error is about the whole request.
     *
     * @since 1.1
     */
    public String field() {
        return field;
    }
}
