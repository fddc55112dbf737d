package dev.errand.job.engine;

import dev.errand.platform.Config;
import dev.errand.platform.housekeeping.HousekeepingTask;
import dev.errand.server.ServerIdentity;
import dev.errand.server.ServerRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * docs/DESIGN.md §2 invariant 4, orphans come back: a job PROCESSING on a server whose heartbeat is older than
 * {@code ERRAND_SERVER_TIMEOUT} (1 min), or whose row is gone, is requeued; then the stale server rows are
 * deleted. Before that, the jobs such a server stored that may never have had their message (the doorbell,
 * docs/DESIGN.md §4) are sent again. Runs with the heartbeat's interval. A job of a live server, this one included, is never touched.
 */
@ApplicationScoped
public class OrphanRecovery implements HousekeepingTask {

    private static final int BATCH = 500;

    private final Duration interval = Config.getDuration("HEARTBEAT_INTERVAL", Duration.ofSeconds(10));

    @Inject
    LostJobs lost;

    @Inject
    ServerRegistry registry;

    @Inject
    ServerIdentity server;

    @Inject
    Clock clock;

    @Override
    public String name() {
        return "orphan recovery";
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public int run() {
        OffsetDateTime staleBefore = OffsetDateTime.now(clock).minus(registry.timeout());
        int requeued = 0;
        int batch;
        do {
            batch = lost.requeueOrphans(staleBefore, server.id(), BATCH);
            requeued += batch;
        } while (batch == BATCH);
        // and the jobs such a server stored whose messages it may not have sent (the doorbell): before its row goes
        int resent;
        do {
            resent = lost.resendUnsentOfSilent(staleBefore, server.id(), BATCH);
            requeued += resent;
        } while (resent == BATCH);
        registry.removeStale(staleBefore, server.id());
        return requeued;
    }
}
