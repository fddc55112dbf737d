package dev.errand.job.store;

import static dev.errand.platform.JsonSupport.JSON;

import dev.errand.job.JobView;
import dev.errand.platform.tracing.Tracing;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Stored jobs as the public {@link JobView}. */
public final class JobViews {

    private JobViews() {
    }

    public static JobView of(JobEntity job, List<JobEventEntity> history) {
        return of(job, history, null, null);
    }

    /** A single job with what its handler reported: progress (null if none) and the log lines of every attempt. */
    public static JobView of(JobEntity job, List<JobEventEntity> history, JobJournal.Progress progress,
                             List<JobJournal.Line> log) {
        return new JobView(job.id(), job.type(), job.queue(), parse(job.args()), job.state().name(), job.attempt(),
                job.maxAttempts(), job.priority(), job.timeoutMs() == null ? null : Duration.ofMillis(job.timeoutMs()),
                instant(job.createdAt()), instant(job.scheduledAt()), instant(job.startedAt()),
                instant(job.finishedAt()), job.serverId(), job.serverInstance(), job.error(),
                history == null ? null : history.stream().map(JobViews::event).toList(),
                progress == null ? null : progress(progress),
                log == null ? null : log.stream().map(l -> new JobView.LogLine(l.attempt(), instant(l.at()), l.text())).toList(),
                job.batchId(), Tracing.traceId(job.traceParent()));
    }

    private static JobView.ProgressView progress(JobJournal.Progress p) {
        Integer percent = p.total() == 0 ? null : (int) Math.min(100, p.done() * 100 / p.total());
        return new JobView.ProgressView(p.attempt(), p.done(), p.total(), percent, instant(p.at()));
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
