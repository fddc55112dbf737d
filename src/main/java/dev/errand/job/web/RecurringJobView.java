package dev.errand.job.web;

import dev.errand.job.recurring.RecurringJobEntity;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A recurring job as the REST API shows it. */
public record RecurringJobView(String id, String type, JsonValue args, String cron, String timeZone, Instant nextRun,
                               Instant lastRun, Long lastJobId) {

    static RecurringJobView of(RecurringJobEntity job, Instant nextRun) {
        return new RecurringJobView(job.id(), job.type(), parse(job.args()), job.cron(), job.timeZone(), nextRun,
                instant(job.lastRun()), job.lastJobId());
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
