package dev.errand.job.engine;

/** The job's current state does not allow what was asked. */
public class JobConflictException extends RuntimeException {

    public JobConflictException(long id, String message) {
        super("job " + id + ": " + message);
    }
}
