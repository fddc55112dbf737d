package dev.errand.job.engine;

/**
 * One attempt at a job, from its claim to its outcome.
 *
 * @param failure  {@code null} when the handler returned normally
 */
public record Attempt(long jobId, int dispatch, int number, String type, String args, long startedNanos,
                      Throwable failure, long elapsedMillis) {

    static Attempt claimed(long jobId, int dispatch, int number, String type, String args) {
        return new Attempt(jobId, dispatch, number, type, args, System.nanoTime(), null, 0);
    }

    Attempt succeeded() {
        return new Attempt(jobId, dispatch, number, type, args, startedNanos, null, elapsed());
    }

    Attempt failed(Throwable cause) {
        return new Attempt(jobId, dispatch, number, type, args, startedNanos, cause, elapsed());
    }

    boolean isSuccess() {
        return failure == null;
    }

    private long elapsed() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
