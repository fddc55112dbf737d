package dev.errand.job.engine;

import dev.errand.job.store.JobTypeStore;
import dev.errand.job.store.JobTypeStore.Settings;
import dev.errand.server.ServerIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Changes a job type's settings cluster-wide (docs/run-control.md "Limits per job type"): the row lives in
 * PostgreSQL, so every node's claim step and submissions see it, and it survives restarts. Raising or lifting a
 * concurrency limit sends the held jobs it now admits.
 */
@ApplicationScoped
public class JobTypeControl {

    private static final Logger LOG = Logger.getLogger(JobTypeControl.class.getName());

    /** The largest concurrency limit and the most starts per rate period one may set. */
    public static final int MAX_LIMIT = 100_000;
    /** Limits on a rate's period: at least a second, at most a day. */
    public static final Duration MIN_PERIOD = Duration.ofSeconds(1);
    public static final Duration MAX_PERIOD = Duration.ofDays(1);

    @Inject
    JobTypeStore types;

    @Inject
    JobReleases releases;

    @Inject
    ServerIdentity server;

    @Inject
    Clock clock;

    /** Stores the settings (all of them: a null is the default or no limit) and records who changed what. */
    public int change(Settings wanted, String described) {
        Integer before = types.find(wanted.type()).map(Settings::concurrency).orElse(null);
        types.save(wanted, server.nodeId(), described);
        LOG.info(() -> "Job type '" + wanted.type() + "' set to " + described + " by " + wanted.updatedBy());
        if (before == null || (wanted.concurrency() != null && wanted.concurrency() <= before)) {
            return 0; // no more slots than before: nothing held may start now
        }
        int released = 0;
        int batch;
        do {
            batch = releases.afterChange(wanted.type());
            released += batch;
        } while (wanted.concurrency() == null && batch == TypeLimits.BATCH);
        return released;
    }

    public java.time.OffsetDateTime now() {
        return EngineClock.now(clock);
    }
}
