package dev.errand.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A job to be created: its type name, its arguments as JSON and how to run it. Built by the {@link Jobs}
 * facade from a handler class, or by the REST API from a request body.
 *
 * @param runAt       when to start; {@code null} means now
 * @param maxAttempts {@code null} means the handler's or the server's default
 * @param idempotencyKey a caller's key; a second job with the same key and submitter is never created
 * @param timeout     how long one attempt may run; {@code null} means the handler's {@code @JobType(timeout)}
 * @param after       parent job ids: it waits in AWAITING until they succeeded (docs/workflows.md); empty: none
 * @param afterAny    run once every parent has ended, whatever the outcome, instead of only after all succeeded
 */
public record NewJob(String type, String args, String queue, Instant runAt, Integer maxAttempts,
                     String idempotencyKey, String submittedBy, Duration timeout, List<Long> after, boolean afterAny) {

    public NewJob {
        after = after == null ? List.of() : List.copyOf(after);
    }

    public NewJob(String type, String args, String queue, Instant runAt, Integer maxAttempts, String idempotencyKey,
                  String submittedBy, Duration timeout) {
        this(type, args, queue, runAt, maxAttempts, idempotencyKey, submittedBy, timeout, List.of(), false);
    }

    public NewJob(String type, String args, String queue, Instant runAt, Integer maxAttempts, String idempotencyKey,
                  String submittedBy) {
        this(type, args, queue, runAt, maxAttempts, idempotencyKey, submittedBy, null);
    }

    public static final String DEFAULT_QUEUE = "default";

    public static NewJob of(String type, String args) {
        return new NewJob(type, args, null, null, null, null, null);
    }

    public NewJob runAt(Instant at) {
        return new NewJob(type, args, queue, at, maxAttempts, idempotencyKey, submittedBy, timeout, after, afterAny);
    }

    public NewJob submittedBy(String principal) {
        return new NewJob(type, args, queue, runAt, maxAttempts, idempotencyKey, principal, timeout, after, afterAny);
    }

    /** A continuation: {@code jobs.submit(NewJob.of(type, args).after(List.of(parentId)))} (docs/workflows.md). */
    public NewJob after(List<Long> parents) {
        return new NewJob(type, args, queue, runAt, maxAttempts, idempotencyKey, submittedBy, timeout, parents, afterAny);
    }

    /** Runs after its parents whatever their outcome (see {@link #after}). */
    public NewJob afterAny(List<Long> parents) {
        return new NewJob(type, args, queue, runAt, maxAttempts, idempotencyKey, submittedBy, timeout, parents, true);
    }

    public NewJob withArgs(String json) {
        return new NewJob(type, json, queue, runAt, maxAttempts, idempotencyKey, submittedBy, timeout, after, afterAny);
    }

    public String queueOrDefault() {
        return queue == null || queue.isBlank() ? DEFAULT_QUEUE : queue;
    }
}
