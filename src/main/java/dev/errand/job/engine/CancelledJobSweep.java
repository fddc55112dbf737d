package dev.errand.job.engine;

import dev.errand.job.store.JobStore;
import dev.errand.platform.Config;
import dev.errand.platform.housekeeping.HousekeepingTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;

/**
 * The fallback of {@link CancelNotices}: a notice is non-persistent and lost when the broker fails over or the
 * topic is unreachable, so every {@code ERRAND_CANCEL_SWEEP_INTERVAL} (5 s) this node asks the database which of
 * the jobs it runs are no longer PROCESSING and stops them. One indexed query, only while something runs.
 */
@ApplicationScoped
public class CancelledJobSweep implements HousekeepingTask {

    private final Duration interval = Config.getDuration("CANCEL_SWEEP_INTERVAL", Duration.ofSeconds(5));

    @Inject
    RunningJobs running;

    @Inject
    JobStore store;

    @Override
    public String name() {
        return "cancelled job sweep";
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public int run() {
        Set<Long> ids = running.ids();
        if (ids.isEmpty()) {
            return 0;
        }
        Set<Long> gone = store.notProcessing(ids);
        gone.forEach(running::cancel);
        return gone.size();
    }
}
