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
 * @param priority    0 (lowest) to 9 (highest); {@code null} means the handler's {@code @JobType(priority)}
 * @param after       parent job ids: it waits in AWAITING until they succeeded (docs/workflows.md); empty: none
 * @param afterAny    run once every parent has ended, whatever the outcome, instead of only after all succeeded
 */
public record NewJob(String type, String args, String queue, Instant runAt, Integer maxAttempts,
                     String idempotencyKey, String submittedBy, Duration timeout, Integer priority, List<Long> after,
                     boolean afterAny) {

    public NewJob {
        after = after == null ? List.of() : List.copyOf(after);
    }

    public NewJob(String type, String args, String queue, Instant runAt, Integer maxAttempts, String idempotencyKey,
                  String submittedBy, Duration timeout, Integer priority) {
        this(type, args, queue, runAt, maxAttempts, idempotencyKey, submittedBy, timeout, priority, List.of(), false);
    }

    public NewJob(String type, String args, String queue, Instant runAt, Integer maxAttempts, String idempotencyKey,
                  String submittedBy) {
        this(type, args, queue, runAt, maxAttempts, idempotencyKey, submittedBy, null, null);
    }

    public static final String DEFAULT_QUEUE = "default";

    /** The priority of a job that neither its type nor its submission sets. */
    public static final int DEFAULT_PRIORITY = 4;
    public static final int MIN_PRIORITY = 0;
    public static final int MAX_PRIORITY = 9;

    public static NewJob of(String type, String args) {
        return new NewJob(type, args, null, null, null, null, null);
    }

    public NewJob runAt(Instant at) {
        return new NewJob(type, args, queue, at, maxAttempts, idempotencyKey, submittedBy, timeout, priority, after,
                afterAny);
    }

    public NewJob submittedBy(String principal) {
        return new NewJob(type, args, queue, runAt, maxAttempts, idempotencyKey, principal, timeout, priority, after,
                afterAny);
    }

    public NewJob withPriority(int value) {
        return new NewJob(type, args, queue, runAt, maxAttempts, idempotencyKey, submittedBy, timeout, value, after,
                afterAny);
    }

    /** A continuation: {@code jobs.submit(NewJob.of(type, args).after(List.of(parentId)))} (docs/workflows.md). */
    public NewJob after(List<Long> parents) {
        return new NewJob(type, args, queue, runAt, maxAttempts, idempotencyKey, submittedBy, timeout, priority, parents,
                afterAny);
    }

    /** Runs after its parents whatever their outcome (see {@link #after}). */
    public NewJob afterAny(List<Long> parents) {
        return new NewJob(type, args, queue, runAt, maxAttempts, idempotencyKey, submittedBy, timeout, priority, parents,
                true);
    }

    public NewJob withArgs(String json) {
        return new NewJob(type, json, queue, runAt, maxAttempts, idempotencyKey, submittedBy, timeout, priority, after,
                afterAny);
    }

    public String queueOrDefault() {
        return queue == null || queue.isBlank() ? DEFAULT_QUEUE : queue;
    }
}
