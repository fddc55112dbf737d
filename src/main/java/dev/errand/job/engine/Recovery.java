package dev.errand.job.engine;

import dev.errand.platform.Config;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Invariant 1's safety net, on a non-persistent timer of each server: a job that stayed ENQUEUED (or due)
 * for longer than {@code ERRAND_RECOVERY_GRACE} without starting gets its message sent again. Bounded per
 * run, so a legitimately long backlog costs a trickle of extra (stale, ignored) messages at most.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Recovery {

    private static final Logger LOG = Logger.getLogger(Recovery.class.getName());

    private final Duration grace = Config.getDuration("RECOVERY_GRACE", Duration.ofMinutes(5));

    @Inject
    JobLifecycle lifecycle;

    @Inject
    EngineReadiness readiness;

    @Inject
    Clock clock;

    @Schedule(hour = "*", minute = "*", second = "*/30", persistent = false, info = "errand-recovery")
    void redispatchStale() {
        if (!readiness.isReady()) {
            return;
        }
        try {
            OffsetDateTime before = OffsetDateTime.now(clock).minus(grace);
            int count = lifecycle.redispatchStale(before, 500);
            if (count > 0) {
                LOG.warning(() -> "Recovery: sent the messages of " + count + " jobs again (waited over " + grace + ")");
            }
        } catch (RuntimeException e) {
            // Another server may hold the rows; the next run tries again.
            LOG.log(Level.FINE, "Recovery run skipped", e);
            LOG.info(() -> "Recovery run skipped: " + e);
        }
    }
}
