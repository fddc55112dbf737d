package dev.errand.job.engine;

import dev.errand.platform.Config;
import dev.errand.platform.SchemaReadiness;
import dev.errand.platform.housekeeping.HousekeepingTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Invariant 1's safety net, every 30 seconds on each server: a job that stayed ENQUEUED (or due) for longer than
 * {@code ERRAND_RECOVERY_GRACE} without starting gets its message sent again. Bounded per run, so a legitimately
 * long backlog costs a trickle of extra (stale, ignored) messages at most.
 */
@ApplicationScoped
public class Recovery implements HousekeepingTask {

    private static final Logger LOG = Logger.getLogger(Recovery.class.getName());
    private static final int BATCH = 500;

    private final Duration grace = Config.getDuration("RECOVERY_GRACE", Duration.ofMinutes(5));

    @Inject
    LostJobs lost;

    @Inject
    SchemaReadiness readiness;

    @Inject
    Clock clock;

    @Override
    public String name() {
        return "recovery of stuck jobs";
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(30);
    }

    @Override
    public int run() {
        if (!readiness.isReady()) {
            return 0;
        }
        try {
            OffsetDateTime before = OffsetDateTime.now(clock).minus(grace);
            int count = lost.redispatchStale(before, BATCH);
            if (count > 0) {
                LOG.warning(() -> "Recovery: sent the messages of " + count + " jobs again (waited over " + grace + ")");
            }
            return count;
        } catch (RuntimeException e) {
            // Another server may hold the rows; the next run tries again: no warning for an expected race.
            LOG.log(Level.FINE, "Recovery run skipped", e);
            LOG.info(() -> "Recovery run skipped: " + e);
            return 0;
        }
    }

    /** The warning above already tells when messages were sent again. */
    @Override
    public Level logLevel(int count) {
        return Level.FINE;
    }
}
