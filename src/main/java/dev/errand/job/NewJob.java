package dev.errand.job;

import java.time.Duration;
import java.time.Instant;

/**
 * A job to be created: its type name, its arguments as JSON and how to run it. Built by the {@link Jobs}
 * facade from a handler class, or by the REST API from a request body.
 *
 * @param runAt       when to start; {@code null} means now
 * @param maxAttempts {@code null} means the handler's or the server's default
 * @param idempotencyKey a caller's key; a second job with the same key and submitter is never created
 * @param timeout     how long one attempt may run; {@code null} means the handler's {@code @JobType(timeout)}
 * @param priority    0 (lowest) to 9 (highest); {@code null} means the handler's {@code @JobType(priority)}
 */
public record NewJob(String type, String args, String queue, Instant runAt, Integer maxAttempts,
                     String idempotencyKey, String submittedBy, Duration timeout, Integer priority) {

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
        return new NewJob(type, args, queue, at, maxAttempts, idempotencyKey, submittedBy, timeout, priority);
    }

    public NewJob submittedBy(String principal) {
        return new NewJob(type, args, queue, runAt, maxAttempts, idempotencyKey, principal, timeout, priority);
    }

    public NewJob withPriority(int value) {
        return new NewJob(type, args, queue, runAt, maxAttempts, idempotencyKey, submittedBy, timeout, value);
    }

    public String queueOrDefault() {
        return queue == null || queue.isBlank() ? DEFAULT_QUEUE : queue;
    }
}
