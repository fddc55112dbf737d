package dev.errand.job;

/** The states of a job. A job moves between them only along {@code dev.errand.job.store.JobTransitions}. */
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
