package dev.errand.job.workflow;

import dev.errand.job.engine.JobDispatcher;
import dev.errand.platform.SchemaReadiness;
import dev.errand.platform.housekeeping.HousekeepingTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every second on each server: releases or deletes the continuations whose parents ended, and completes the batches
 * whose jobs all ended (docs/workflows.md). A sweep rather than a hook on every outcome: each of the many ways a job
 * ends (a success, a failure, a delete, a dead letter, a lost server) is covered, a crash only delays a decision,
 * and a job without children or batch costs nothing. Rows another server holds are skipped, not waited for.
 */
@ApplicationScoped
public class WorkflowSweep implements HousekeepingTask {

    private static final Logger LOG = Logger.getLogger(WorkflowSweep.class.getName());
    private static final int CHILDREN_PER_RUN = 500;
    private static final int BATCHES_PER_RUN = 20;

    @Inject
    Continuations continuations;

    @Inject
    Batches batches;

    @Inject
    SchemaReadiness readiness;

    /** Released children and callbacks are sent after their transaction commits (see JobDispatcher.sendingAfter). */
    @Inject
    JobDispatcher dispatcher;

    @Override
    public String name() {
        return "continuations and batches";
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(1);
    }

    @Override
    public int run() {
        if (!readiness.isReady()) {
            return 0;
        }
        int done = 0;
        try {
            int decided;
            do { // a long chain of ready children drains in one run, a chunk per transaction
                decided = dispatcher.sendingAfter(() -> continuations.decide(CHILDREN_PER_RUN));
                done += decided;
            } while (decided == CHILDREN_PER_RUN);
        } catch (RuntimeException e) {
            skipped("continuations", e);
        }
        try { // apart: a fault of one part never holds up the other
            done += dispatcher.sendingAfter(() -> batches.completeEnded(BATCHES_PER_RUN));
        } catch (RuntimeException e) {
            skipped("batches", e);
        }
        return done;
    }

    /** A database outage or a lock conflict: the next run, a second later, tries again. */
    private static void skipped(String part, RuntimeException e) {
        LOG.log(Level.FINE, "Workflow sweep of " + part + " skipped", e);
        LOG.info(() -> "Workflow sweep of " + part + " skipped: " + e);
    }

    @Override
    public Level logLevel(int count) {
        return Level.FINE;
    }
}
