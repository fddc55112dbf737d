package dev.errand.job;

/** The states of a job. Only {@code dev.errand.job.engine.JobLifecycle} moves a job between them. */
public enum JobState {
    ENQUEUED, SCHEDULED, AWAITING, PROCESSING, SUCCEEDED, FAILED, DELETED;

    /** A job in a final state is never run again unless it is explicitly requeued. */
    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == DELETED;
    }

    /** States from which a message may start the job. */
    public boolean isRunnable() {
        return this == ENQUEUED || this == SCHEDULED;
    }
}
