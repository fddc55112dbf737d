package dev.errand.job.store;

/**
 * A change of state that {@link JobTransitions} does not allow. Inside the engine it means a bug and rolls the
 * transaction back; where a user asked for the change, the REST layer answers 409 (see JobConflictException).
 */
public class IllegalTransitionException extends IllegalStateException {

    private final long jobId;
    private final transient JobTransitions.Transition transition;
    private final String reason;

    public IllegalTransitionException(long jobId, JobTransitions.Transition transition, String reason) {
        super("job " + jobId + ": " + reason);
        this.jobId = jobId;
        this.transition = transition;
        this.reason = reason;
    }

    protected IllegalTransitionException(IllegalTransitionException refused) {
        this(refused.jobId, refused.transition, refused.reason);
    }

    public long jobId() {
        return jobId;
    }

    public JobTransitions.Transition transition() {
        return transition;
    }
}
