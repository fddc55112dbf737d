package dev.errand.job.engine;

import dev.errand.job.store.JobEntity;
import dev.errand.job.store.JobStore;
import dev.errand.job.store.JobTransitions.Trigger;
import dev.errand.job.store.QueueStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * Jobs that waited on purpose and may go now (docs/run-control.md): held by their type's concurrency limit, by a
 * mutex key, or by a paused queue. Each goes back to ENQUEUED under a new dispatch number, with its history event;
 * the transitions are {@link JobLifecycle}'s table's like every other.
 */
@ApplicationScoped
public class JobReleases {

    @Inject
    JobStore store;

    @Inject
    QueueStore queues;

    @Inject
    TypeLimits limits;

    @Inject
    Mutexes mutexes;

    @Inject
    JobDispatcher dispatcher;

    @Inject
    JobHistory history;

    @Inject
    Clock clock;

    /**
     * Jobs of these types, which just left PROCESSING, that their types' concurrency limits held, back to ENQUEUED
     * under a new message (the caller sends it): as many as slots are free (docs/run-control.md).
     */
    List<JobEntity> slots(Set<String> types, OffsetDateTime now, boolean lifted) {
        List<JobEntity> released = limits.releasable(types, now, lifted);
        for (JobEntity job : released) {
            job.enqueueAgain(Trigger.LIMIT_RELEASED, now);
            history.record(job, now, "released: a slot of type '" + job.type() + "' is free; message sent again", null);
        }
        return released;
    }

    /**
     * The oldest waiting job of each mutex key these jobs held, which just left PROCESSING, back to ENQUEUED under a
     * new message (the caller sends it), unless it is among {@code sending} already (docs/run-control.md "Mutex keys").
     */
    List<JobEntity> keys(List<JobEntity> left, OffsetDateTime now, List<JobEntity> sending) {
        List<JobEntity> released = mutexes.releasable(left, now, sending);
        for (JobEntity job : released) {
            job.enqueueAgain(Trigger.LIMIT_RELEASED, now);
            history.record(job, now, "released: " + mutexes.describe(job) + " is free; message sent again", null);
        }
        return released;
    }

    /**
     * A resumed queue's held jobs, one batch after {@code afterId}: each is sent again under a new dispatch number
     * ({@link Trigger#QUEUE_RESUMED}), so a late copy of the message that found the queue paused stays stale.
     *
     * @return the ids released, in order (fewer than {@code limit}: the queue has no more)
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Long> held(String queue, long afterId, int limit, String by) {
        OffsetDateTime now = now();
        List<JobEntity> held = store.lock(queues.heldIds(queue, now, afterId, limit));
        for (JobEntity job : held) {
            job.enqueueAgain(Trigger.QUEUE_RESUMED, now);
            history.record(job, now, "queue '" + queue + "' resumed" + JobHistory.byWhom(by) + "; message sent again", null);
        }
        dispatcher.dispatch(held, now);
        return held.stream().map(JobEntity::id).toList();
    }

    /**
     * After an admin raised or lifted the type's concurrency limit: one batch of its held jobs sent again
     * ({@link TypeLimits#BATCH} at most; the caller repeats while a full batch went).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int afterChange(String type) {
        OffsetDateTime now = now();
        List<JobEntity> released = slots(Set.of(type), now, true);
        dispatcher.dispatch(released, now);
        return released.size();
    }

    private OffsetDateTime now() {
        return EngineClock.now(clock);
    }
}
