package io.sightline.driver.support;

import java.sql.SQLNonTransientConnectionException;

import io.sightline.api.driver.ConnectFailure;

/**
 * A failed connection attempt, already explained where it happened: which step failed and why, in
 * plain words (SPEC DS-4). Keeps the vendor's SQLState, error code and exception (as the cause) for
 * logs; carries no secret.
 *
 * <p>Why here: drivers that explain a failure while the data source is at hand (the {@link TcpProbe},
 * embedded paths refused at connection time) throw this, and their {@code explain} finds it again
 * with {@link #in}. Immutable.
 */
public final class StepException extends SQLNonTransientConnectionException {
    private static final long serialVersionUID = 1L;
    private final ConnectFailure.Step step;

    /**
     * @param failure the step and the message people see; the message becomes this exception's
     * @param cause the vendor's exception, or null
     */
    public StepException(ConnectFailure failure, String sqlState, int vendorCode, Throwable cause) {
        super(failure.message(), sqlState, vendorCode, cause);
        this.step = failure.step();
    }

    /** The step and message this exception was made with. */
    public ConnectFailure failure() {
        return new ConnectFailure(step, getMessage());
    }

    /** The first StepException in {@code failure}'s chain ({@link FailureChain#causes}), or null. */
    public static StepException in(Throwable failure) {
        return FailureChain.find(failure, StepException.class);
    }
}
