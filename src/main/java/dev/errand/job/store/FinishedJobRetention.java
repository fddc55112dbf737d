package dev.errand.job.store;

import dev.errand.job.JobState;
import dev.errand.platform.Config;
import dev.errand.platform.housekeeping.HousekeepingTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Expires finished jobs by {@code finished_at}: SUCCEEDED after {@code ERRAND_RETENTION_SUCCEEDED} (7 days),
 * FAILED after {@code ERRAND_RETENTION_FAILED} (30 days), DELETED after the succeeded period; 1,000 per
 * transaction until none are left (the recurring-run records go by {@code RecurringRunRetention}).
 * Every {@code ERRAND_HOUSEKEEPING_INTERVAL} (1 hour).
 */
@ApplicationScoped
public class FinishedJobRetention implements HousekeepingTask {

    private static final Logger LOG = Logger.getLogger(FinishedJobRetention.class.getName());
    static final int BATCH = 1_000;

    private final Duration interval = Config.getDuration("HOUSEKEEPING_INTERVAL", Duration.ofHours(1));
    private final Map<JobState, Duration> periods = new LinkedHashMap<>();

    @Inject
    JobRetention retention;

    @Inject
    Clock clock;

    public FinishedJobRetention() {
        Duration succeeded = Config.getDuration("RETENTION_SUCCEEDED", Duration.ofDays(7));
        periods.put(JobState.SUCCEEDED, succeeded);
        periods.put(JobState.FAILED, Config.getDuration("RETENTION_FAILED", Duration.ofDays(30)));
        periods.put(JobState.DELETED, succeeded);
    }

    @Override
    public String name() {
        return "retention of finished jobs";
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public int run() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int total = 0;
        for (Map.Entry<JobState, Duration> period : periods.entrySet()) {
            OffsetDateTime before = now.minus(period.getValue());
            int deleted = 0;
            int batch;
            do {
                batch = retention.deleteBatch(period.getKey(), before, BATCH);
                deleted += batch;
            } while (batch == BATCH);
            if (deleted > 0) {
                int count = deleted;
                LOG.info(() -> "Retention: deleted " + count + " " + period.getKey() + " jobs finished before " + before.toInstant());
            }
            total += deleted;
        }
        return total;
    }
}
