package dev.errand.job.recurring;

import dev.errand.platform.Config;
import dev.errand.platform.housekeeping.HousekeepingTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Forgets recurring-run records (the at-most-once guard per due instant) older than the retention of succeeded
 * jobs ({@code ERRAND_RETENTION_SUCCEEDED}, 7 days), every {@code ERRAND_HOUSEKEEPING_INTERVAL} (1 hour), like
 * the finished jobs they enqueued.
 */
@ApplicationScoped
public class RecurringRunRetention implements HousekeepingTask {

    private final Duration interval = Config.getDuration("HOUSEKEEPING_INTERVAL", Duration.ofHours(1));
    private final Duration period = Config.getDuration("RETENTION_SUCCEEDED", Duration.ofDays(7));

    @Inject
    RecurringJobStore store;

    @Override
    public String name() {
        return "retention of recurring runs";
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public int run() {
        return store.deleteRunsBefore(OffsetDateTime.now(ZoneOffset.UTC).minus(period));
    }
}
