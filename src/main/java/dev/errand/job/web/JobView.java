package dev.errand.job.web;

import dev.errand.job.store.JobEntity;
import dev.errand.job.store.JobEventEntity;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** A job as the REST API shows it; {@code history} only on the single-job resource. */
public record JobView(long id, String type, String queue, JsonValue args, String state, int attempt, int maxAttempts,
                      Instant createdAt, Instant scheduledAt, Instant startedAt, Instant finishedAt, String server,
                      String error, List<EventView> history) {

    public record EventView(String state, Instant at, int attempt, String server, String reason, String exception) {
        static EventView of(JobEventEntity e) {
            return new EventView(e.state().name(), instant(e.at()), e.attempt(), e.serverId(), e.reason(), e.exception());
        }
    }

    public static JobView of(JobEntity job, List<JobEventEntity> history) {
        return new JobView(job.id(), job.type(), job.queue(), parse(job.args()), job.state().name(), job.attempt(),
                job.maxAttempts(), instant(job.createdAt()), instant(job.scheduledAt()), instant(job.startedAt()),
                instant(job.finishedAt()), job.serverId(), job.error(),
                history == null ? null : history.stream().map(EventView::of).toList());
    }

    private static JsonValue parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
