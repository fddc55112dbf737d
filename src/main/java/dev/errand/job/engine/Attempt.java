package dev.errand.job.engine;

/**
 * One attempt at a job, from its claim to its outcome.
 *
 * @param timeoutMs the job's own limit on the attempt's run time; {@code null}: its type's, if any
 * @param traceParent the W3C traceparent kept at submission, the parent of the attempt's span; {@code null}: none
 * @param failure  {@code null} when the handler returned normally
 */
public record Attempt(long jobId, int dispatch, int number, String type, String args, Long timeoutMs,
                      String traceParent, long startedNanos, Throwable failure, long elapsedMillis) {

    static Attempt claimed(long jobId, int dispatch, int number, String type, String args) {
        return claimed(jobId, dispatch, number, type, args, null, null);
    }

    static Attempt claimed(long jobId, int dispatch, int number, String type, String args, Long timeoutMs,
                           String traceParent) {
        return new Attempt(jobId, dispatch, number, type, args, timeoutMs, traceParent, System.nanoTime(), null, 0);
    }

    Attempt succeeded() {
        return new Attempt(jobId, dispatch, number, type, args, timeoutMs, traceParent, startedNanos, null, elapsed());
    }

    Attempt failed(Throwable cause) {
        return new Attempt(jobId, dispatch, number, type, args, timeoutMs, traceParent, startedNanos, cause, elapsed());
    }

    boolean isSuccess() {
        return failure == null;
    }

    private long elapsed() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
