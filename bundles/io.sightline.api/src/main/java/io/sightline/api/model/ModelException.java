package io.sightline.api.model;

/**
 * A model or selection that cannot compile: an unknown model, dimension, metric, table or column,
 * or a filter that does not fit its field. The message is meant for the user and names the field.
 */
public class ModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why: {@code not_found} (no such model visible to the caller) or {@code invalid}. */
    private final String code;

    public ModelException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
