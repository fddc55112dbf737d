package dev.errand.job;

import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A job as callers see it, in the REST API and from {@link Jobs#find}; {@code history}, {@code progress} and
 * {@code log} only where asked for (a single job's page), {@code progress} null until its handler reports some;
 * {@code batch} the id of its batch (docs/workflows.md), null for most jobs; {@code traceId} the W3C trace it was
 * submitted in (docs/tracing.md), null if none.
 */
public record JobView(long id, String type, String queue, JsonValue args, String state, int attempt, int maxAttempts,
                      int priority, Duration timeout,
                      Instant createdAt, Instant scheduledAt, Instant startedAt, Instant finishedAt, String server,
                      String serverInstance, String error, List<EventView> history, ProgressView progress,
                      List<LogLine> log, Long batch, String traceId) {

    /** The latest progress a handler reported, of the attempt it names; {@code percent} null when total is 0. */
    public record ProgressView(int attempt, long done, long total, Integer percent, Instant at) {
    }

    /** One line of an attempt's log. */
    public record LogLine(int attempt, Instant at, String line) {
    }

    /** One state change of the job's history. */
    public record EventView(String state, Instant at, int attempt, String server, String serverInstance,
                            String reason, String exception) {
    }
}
