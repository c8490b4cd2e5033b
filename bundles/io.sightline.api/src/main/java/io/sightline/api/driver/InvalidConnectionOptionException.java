package io.sightline.api.driver;

/** A connection option was refused; {@link #option()} names it so the UI can mark the field. */
public class InvalidConnectionOptionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String option;

    public InvalidConnectionOptionException(String option, String message) {
        super(message);
        this.option = option;
    }

    public String option() {
        return option;
    }
}
