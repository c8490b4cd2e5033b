package io.sightline.api.schedule;

/** What a {@link JobHandler} reports for one run. */
public record JobResult(RunOutcome outcome, String message) {

    public static JobResult ok(String message) {
        return new JobResult(RunOutcome.OK, message);
    }
}
