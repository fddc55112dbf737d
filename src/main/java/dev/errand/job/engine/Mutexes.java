package dev.errand.job.engine;

import dev.errand.job.JobState;
import dev.errand.job.store.JobEntity;
import dev.errand.job.store.JobStore;
import dev.errand.job.store.MutexStore;
import dev.errand.job.store.MutexStore.Key;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mutex keys, cluster-wide (docs/run-control.md "Mutex keys"): of the jobs of one type that share a key, at most
 * one is PROCESSING. The claim step opens a {@link Gate} over its message's keys; a job whose key is held stays
 * ENQUEUED (its message acknowledged) until the holder leaves PROCESSING and {@link #releasable} sends the oldest
 * waiting job of the key again. Jobs without a key cost nothing here: no statement runs for them.
 *
 * <p>Why no two claims both start a key, on any nodes: every claim takes the key's advisory lock (pg_advisory_xact_lock,
 * held to its commit) before it reads the key's holder, and commits the start under it; the next claim of the key
 * gets the lock only after that commit, and reads the holder in a statement that begins afterwards, so (READ
 * COMMITTED) it sees the job PROCESSING. The end of a holder takes the same lock before it looks for waiting jobs,
 * so a claim that is holding a job either committed first (the end then sees the held job and sends it again) or
 * waits for the end's commit (and then sees the key free and starts). Lock order, everywhere: job rows, then
 * job_type rows ({@link TypeLimits}), then these advisory locks by hash; after them only rows this transaction
 * already holds are written, and waiting rows are taken SKIP LOCKED, so no cycle can form.
 */
@ApplicationScoped
public class Mutexes {

    private static final Set<JobState> UNFINISHED = EnumSet.of(JobState.ENQUEUED, JobState.SCHEDULED, JobState.PROCESSING);

    @Inject
    MutexStore store;

    @Inject
    JobStore jobs;

    @Inject
    HandlerRegistry registry;

    /**
     * Locks the keys of these jobs (those that may start, resume or end in this claim) and reads their holders. For a
     * message without keyed jobs: no statement.
     */
    public Gate open(Collection<JobEntity> claimed) {
        Set<Key> keys = keysOf(claimed.stream().filter(j -> UNFINISHED.contains(j.state())).toList());
        if (keys.isEmpty()) {
            return new Gate(Map.of());
        }
        store.lock(keys);
        return new Gate(new HashMap<>(store.holders(keys)));
    }

    /**
     * The oldest waiting job of each key these jobs held, which have just left PROCESSING in this transaction,
     * locked: unless the key is held again, or that job is among {@code sending} (it gets a message anyway). The
     * caller enqueues them again under a new message.
     */
    public List<JobEntity> releasable(Collection<JobEntity> left, OffsetDateTime now, Collection<JobEntity> sending) {
        Set<Key> keys = keysOf(left);
        if (keys.isEmpty()) {
            return List.of();
        }
        store.lock(keys);
        jobs.flush(); // the holders below must not include the jobs this transaction just ended
        Map<Key, Long> holders = store.holders(keys);
        Set<Long> sent = new LinkedHashSet<>(sending.stream().map(JobEntity::id).toList());
        List<Long> ids = new ArrayList<>();
        for (Key key : keys) {
            if (!holders.containsKey(key)) {
                store.oldestWaiting(key, now).filter(sent::add).ifPresent(ids::add);
            }
        }
        return jobs.lock(ids);
    }

    /** "mutex accountId=42": the member the type names, or "mutex key 42" for a type that no longer names one. */
    public String describe(JobEntity job) {
        String member = registry.find(job.type()).map(HandlerRegistry.Registration::mutex).orElse(null);
        return member == null ? "mutex key " + job.mutexKey() : "mutex " + member + "=" + job.mutexKey();
    }

    private static Set<Key> keysOf(Collection<JobEntity> jobs) {
        Set<Key> keys = new LinkedHashSet<>();
        for (JobEntity job : jobs) {
            if (job.mutexKey() != null) {
                keys.add(new Key(job.type(), job.mutexKey()));
            }
        }
        return keys;
    }

    /** The keys of one claim transaction: held by a running job, or taken by a job this claim starts. */
    public final class Gate {
        private final Map<Key, Long> holders;

        Gate(Map<Key, Long> holders) {
            this.holders = holders;
        }

        /** Why the job may not start now (its key is held by another job), or null. */
        public String heldBy(JobEntity job) {
            if (job.mutexKey() == null) {
                return null;
            }
            Long holder = holders.get(new Key(job.type(), job.mutexKey()));
            return holder == null || holder == job.id() ? null
                    : "held: " + describe(job) + " is held by job " + holder + "; starts when it ends";
        }

        /** The job starts: it holds its key for the rest of this claim (a later job of the key in the message waits). */
        public void take(JobEntity job) {
            if (job.mutexKey() != null) {
                holders.put(new Key(job.type(), job.mutexKey()), job.id());
            }
        }
    }
}
