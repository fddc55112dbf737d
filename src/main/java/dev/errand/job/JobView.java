package dev.errand.job;

import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;

/** A job as callers see it, in the REST API and from {@link Jobs#find}; {@code history} only where asked for. */
public record JobView(long id, String type, String queue, JsonValue args, String state, int attempt, int maxAttempts,
                      Instant createdAt, Instant scheduledAt, Instant startedAt, Instant finishedAt, String server,
                      String serverInstance, String error, List<EventView> history) {

    /** One state change of the job's history. */
    public record EventView(String state, Instant at, int attempt, String server, String serverInstance,
                            String reason, String exception) {
    }
}
