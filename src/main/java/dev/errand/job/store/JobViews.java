package dev.errand.job.store;

import static dev.errand.platform.JsonSupport.JSON;

import dev.errand.job.JobView;
import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Stored jobs as the public {@link JobView}. */
public final class JobViews {

    private JobViews() {
    }

    public static JobView of(JobEntity job, List<JobEventEntity> history) {
        return new JobView(job.id(), job.type(), job.queue(), parse(job.args()), job.state().name(), job.attempt(),
                job.maxAttempts(), instant(job.createdAt()), instant(job.scheduledAt()), instant(job.startedAt()),
                instant(job.finishedAt()), job.serverId(), job.serverInstance(), job.error(),
                history == null ? null : history.stream().map(JobViews::event).toList());
    }

    private static JobView.EventView event(JobEventEntity e) {
        return new JobView.EventView(e.state().name(), instant(e.at()), e.attempt(), e.serverId(), e.serverInstance(),
                e.reason(), e.exception());
    }

    private static jakarta.json.JsonValue parse(String json) {
        try (var reader = JSON.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
