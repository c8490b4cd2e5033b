package io.sightline.api.schedule;

/** How one run of a scheduled job ended. */
public enum RunOutcome {
    /** Done; for an alert, its condition did not hold. */
    OK,
    /** An alert's condition held. */
    TRIGGERED,
    FAILED,
    /** Stopped after the job timeout. */
    TIMED_OUT,
    /** Not run: its target is gone, or its data source had no free slot. */
    SKIPPED
}
