package dev.errand.job;

/**
 * Work that Errand runs in the background. Implementations are CDI beans annotated with {@link JobType};
 * {@code A} is the argument type, read from the job's JSON arguments with JSON-B (a record is typical).
 *
 * <p>Errand delivers at least once: after a crash an attempt may run again. Make {@link #run} idempotent,
 * for instance by recording a dedupe key in the same transaction as the side effect.
 */
public interface JobHandler<A> {

    /** Throwing fails this attempt: the job is retried with back-off until its attempts are spent. */
    void run(A args, JobContext context) throws Exception;
}
