package dev.errand.job.engine;

import dev.errand.job.store.QueueStore;
import dev.errand.server.ServerIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;

/**
 * Pauses and resumes queues across the cluster (docs/run-control.md). The flag lives in PostgreSQL, so every node's
 * claim step sees it and it survives restarts; while it is set, {@link JobLifecycle#start} holds the queue's jobs
 * (acknowledging their messages), and a resume sends the held jobs' messages again, a batch per transaction.
 */
@ApplicationScoped
public class QueueControl {

    private static final Logger LOG = Logger.getLogger(QueueControl.class.getName());
    static final int BATCH = 500;

    /** What a pause or resume did: whether the flag changed, and how many held jobs a resume sent again. */
    public record Change(boolean changed, int released) {
    }

    @Inject
    QueueStore queues;

    @Inject
    JobReleases releases;

    @Inject
    ServerIdentity server;

    @Inject
    Clock clock;

    /** Nothing of the queue starts on any node once this returns; submissions are still accepted. */
    public Change pause(String queue, String by) {
        boolean changed = queues.setPaused(queue, true, by, server.nodeId(), EngineClock.now(clock));
        if (changed) {
            LOG.info(() -> "Queue '" + queue + "' paused by " + by);
        }
        return new Change(changed, 0);
    }

    /**
     * Clears the flag (its own transaction, so claims from now on start the queue's jobs), then sends the held
     * jobs' messages again in batches. Were the node to die half-way, recovery sends the rest after
     * {@code ERRAND_RECOVERY_GRACE} (it skips only paused queues).
     */
    public Change resume(String queue, String by) {
        boolean changed = queues.setPaused(queue, false, by, server.nodeId(), EngineClock.now(clock));
        if (!changed) {
            return new Change(false, 0); // it was not paused: its jobs' messages are on their way
        }
        int released = 0;
        long after = 0;
        List<Long> batch;
        do {
            batch = releases.held(queue, after, BATCH, by);
            released += batch.size();
            after = batch.isEmpty() ? after : batch.get(batch.size() - 1);
        } while (batch.size() == BATCH);
        int total = released;
        LOG.info(() -> "Queue '" + queue + "' resumed by " + by + "; " + total + " held jobs sent again");
        return new Change(changed, released);
    }
}
