package dev.errand.job.engine;

import dev.errand.job.JobState;
import dev.errand.job.store.CommonTransitions;
import dev.errand.job.store.JobEntity;
import dev.errand.job.store.JobStore;
import dev.errand.job.store.QueueStore;
import dev.errand.server.ServerIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import dev.errand.job.store.IllegalTransitionException;
import dev.errand.job.store.JobTransitions;
import dev.errand.job.store.JobTransitions.Trigger;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.errand.job.JobState.DELETED;
import static dev.errand.job.JobState.ENQUEUED;
import static dev.errand.job.JobState.FAILED;
import static dev.errand.job.JobState.PROCESSING;
import static dev.errand.job.JobState.SUCCEEDED;

/**
 * Drives the job state machine: decides which transition of {@link JobTransitions} each event takes, makes it
 * through {@link JobEntity} (which refuses any other) or {@link JobStore}'s set-based writes (which admit only
 * the table's source states), and appends the history event in the same transaction. docs/DESIGN.md §2 lists
 * the invariants enforced here.
 *
 * <p>This class holds a job's own way: submission, claim, outcome, requeue, delete and dead letters, each
 * transition's guard side by side. Two companions move jobs on other occasions, through the same table:
 * {@link JobReleases} (jobs that waited on purpose and may go now) and {@link LostJobs} (jobs whose message or
 * server was lost).
 */
@ApplicationScoped
public class JobLifecycle {

    /** How often a job that never started is sent again after a dead letter before it fails. */
    static final int DEAD_LETTER_RESENDS = 3;
    private static final String DEAD_LETTER_RESENT_REASON = "message sent again after a dead letter";

    @Inject
    JobStore store;

    @Inject
    JobDispatcher dispatcher;

    @Inject
    ServerIdentity server;

    @Inject
    RetryPolicy retryPolicy;

    @Inject
    Clock clock;

    @Inject
    RunningJobs running;

    @Inject
    CancelNotices cancelNotices;

    @Inject
    QueueStore queues;

    @Inject
    TypeLimits limits;

    @Inject
    Mutexes mutexes;

    @Inject
    CommonTransitions common;

    @Inject
    JobReleases releases;

    @Inject
    JobHistory history;

    @Inject
    jakarta.enterprise.event.Event<JobRequeued> requeued;

    /** What a claim started, and the jobs whose messages the caller sends once it has committed. */
    public record Claimed(List<Attempt> attempts, List<JobEntity> toSend) {
    }

    /** What a message does to one of its jobs. */
    enum Claim {
        /** Purged, superseded by a newer message, finished, or still running here: the message changes nothing. */
        SKIP,
        /** The usual case: the next attempt starts. */
        START,
        /** An attempt was interrupted (a crash) and its message came back: the next attempt starts. */
        RESUME,
        /** An attempt was interrupted and it was the last one: the job fails. */
        GIVE_UP
    }

    /**
     * Stores new jobs (ENQUEUED, or SCHEDULED when their {@code scheduledAt} lies ahead) and sends their
     * messages, in the caller's transaction.
     */
    @Transactional
    public void create(List<JobEntity> jobs) {
        OffsetDateTime now = now();
        store(jobs, now);
        dispatcher.dispatch(jobs.stream().filter(j -> j.state() != JobState.AWAITING).toList(), now);
    }

    /**
     * As {@link #create}, but the messages of the jobs due now are left to the caller, who sends them once this
     * has committed (the doorbell, {@link Doorbell}); those of jobs due later still go with the transaction.
     *
     * @return the jobs due now, ENQUEUED, whose messages are still to be sent
     */
    @Transactional
    public List<JobEntity> createSendingDueLater(List<JobEntity> jobs) {
        OffsetDateTime now = now();
        store(jobs, now);
        dispatcher.dispatch(jobs.stream().filter(j -> j.state() == JobState.SCHEDULED).toList(), now);
        return jobs.stream().filter(j -> j.state() == ENQUEUED).toList();
    }

    private void store(List<JobEntity> jobs, OffsetDateTime now) {
        for (JobEntity job : jobs) {
            store.persist(job);
            JobState state = job.submit(now);
            String reason = state == ENQUEUED ? "enqueued" : state == JobState.AWAITING ? "awaiting its parents"
                    : "scheduled for " + job.scheduledAt().toInstant();
            history.record(job, now, reason + JobHistory.byWhom(job.submittedBy()), null);
        }
    }

    /**
     * Claims the jobs of a message and commits them PROCESSING before any handler runs, so that the state is
     * visible and a crash during the run is recognised when the message comes back.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Claimed start(List<JobRef> refs) {
        // The jobs nothing holds back in one statement (docs/DESIGN.md §4 "The common path"), the rest one by one.
        Map<Long, Attempt> byJob = new HashMap<>();
        for (CommonTransitions.Started s : common.claim(refs.stream()
                .map(r -> new CommonTransitions.Ref(r.id(), r.dispatch(), 0, 0)).toList(), server.nodeId(), server.id(), now())) {
            byJob.put(s.id(), Attempt.claimed(s.id(), s.dispatch(), s.attempt(), s.type(), s.args(), s.timeoutMs(),
                    s.traceParent()));
        }
        List<JobRef> rest = refs.stream().filter(r -> !byJob.containsKey(r.id())).toList();
        Claimed decided = rest.isEmpty() ? new Claimed(List.of(), List.of()) : decide(rest);
        decided.attempts().forEach(a -> byJob.put(a.jobId(), a));
        List<Attempt> inOrder = refs.stream().map(JobRef::id).distinct().map(byJob::get).filter(a -> a != null).toList();
        return new Claimed(inOrder, decided.toSend());
    }

    /** The claim of jobs the common path left: each decided by {@link #claim} and the gates of its queue and type. */
    private Claimed decide(List<JobRef> refs) {
        Map<Long, JobEntity> jobs = byId(store.lock(refs.stream().map(JobRef::id).toList()));
        List<Attempt> claimed = new ArrayList<>(refs.size());
        Set<Long> seen = new LinkedHashSet<>();
        Set<Long> starting = new LinkedHashSet<>();
        // Read after the jobs' locks, FOR KEY SHARE: a pause or resume waits for this decision to commit.
        Set<String> paused = queues.pausedAmong(jobs.values().stream().map(JobEntity::queue).toList());
        TypeLimits.Gate gate = limits.open(jobs.values().stream().map(JobEntity::type).toList());
        Mutexes.Gate keys = mutexes.open(jobs.values()); // after the types' locks (lock order: Mutexes)
        // After the limited types' locks: a start is recorded later than the end that freed its slot.
        OffsetDateTime now = now();
        List<JobEntity> toSend = new ArrayList<>();
        Set<String> freed = new LinkedHashSet<>();
        List<JobEntity> ended = new ArrayList<>();
        for (JobRef ref : refs) {
            JobEntity job = jobs.get(ref.id());
            Claim claim = claim(job, ref, job != null && running.isRunning(job.id()));
            if (claim == Claim.SKIP || !seen.add(job.id())) {
                continue; // see Claim.SKIP; or the same job twice in one message
            }
            if (claim != Claim.GIVE_UP && paused.contains(job.queue())) {
                // Held: the message is acknowledged and the job stays as it is until the resume sends it again.
                history.record(job, now, "held: queue '" + job.queue() + "' is paused", null);
                continue;
            }
            // The key first: a job it holds must not count against its type's rate.
            String keyHeld = claim == Claim.START ? keys.heldBy(job) : null;
            TypeLimits.Verdict verdict = keyHeld != null ? new TypeLimits.Verdict(keyHeld, null)
                    : claim == Claim.START ? gate.admit(job.type(), now) : TypeLimits.Verdict.START;
            if (!verdict.starts()) {
                // Held like a paused queue's job; a rate limit's with a delayed message, a concurrency limit's until
                // a running job of its type ends (releaseSlots), a mutex key's until its holder ends (releaseKeys).
                if (verdict.deferred()) {
                    job.deferUntil(verdict.at(), now);
                    toSend.add(job);
                }
                history.record(job, now, verdict.reason(), null);
                continue;
            }
            switch (claim) {
                case START -> {
                    // written for the whole chunk at once below (the entity stays as read)
                    int attempt = job.attempt() + 1;
                    starting.add(job.id());
                    keys.take(job);
                    history.record(job.id(), PROCESSING, attempt, now,
                            "attempt " + attempt + " of " + job.maxAttempts(), null);
                    claimed.add(Attempt.claimed(job.id(), job.dispatch(), attempt, job.type(), job.args(), job.timeoutMs(),
                            job.traceParent()));
                }
                case RESUME -> {
                    String interrupted = interrupted(job);
                    job.resumeAfterInterruption(server.nodeId(), server.id(), now);
                    history.record(job, now,
                            interrupted + "; attempt " + job.attempt() + " of " + job.maxAttempts(), null);
                    claimed.add(Attempt.claimed(job.id(), job.dispatch(), job.attempt(), job.type(), job.args(),
                            job.timeoutMs(), job.traceParent()));
                }
                case GIVE_UP -> {
                    String interrupted = interrupted(job);
                    job.fail(Trigger.ATTEMPT_INTERRUPTED, "interrupted", now);
                    history.record(job, now, interrupted + "; no attempts left", null);
                    freed.add(job.type());
                    ended.add(job);
                }
                default -> throw new IllegalStateException("unexpected " + claim);
            }
        }
        store.markProcessing(starting, server.nodeId(), server.id(), now);
        toSend.addAll(releases.slots(freed, now, false));
        toSend.addAll(releases.keys(ended, now, toSend));
        return new Claimed(claimed, toSend);
    }

    /** The decision of {@link #start} for one job, from the transition table and the job's attempts. */
    static Claim claim(JobEntity job, JobRef ref, boolean runningHere) {
        if (job == null || job.dispatch() != ref.dispatch()) {
            return Claim.SKIP; // purged, or superseded by a newer message (requeue, recovery): that one runs it
        }
        if (JobTransitions.allows(job.state(), PROCESSING, Trigger.CLAIMED)) {
            return Claim.START;
        }
        if (!JobTransitions.allows(job.state(), PROCESSING, Trigger.ATTEMPT_INTERRUPTED) || runningHere) {
            return Claim.SKIP; // finished or deleted, or handed back by the broker while the attempt still runs here
        }
        return job.hasAttemptsLeft() ? Claim.RESUME : Claim.GIVE_UP;
    }

    /**
     * Records how the attempts ended: SUCCEEDED, SCHEDULED for a retry, or FAILED when the retry policy gives up.
     * Returns the jobs to retry: the caller sends their messages once this has committed (a send from this
     * transaction is lost on Payara); if a crash loses that send, recovery sends it again.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<JobEntity> finish(List<Attempt> attempts) {
        // The successes nothing waits on in one statement (docs/DESIGN.md §4 "The common path"), the rest one by one.
        Set<Long> succeeded = common.succeed(attempts.stream().filter(Attempt::isSuccess)
                .map(a -> new CommonTransitions.Ref(a.jobId(), a.dispatch(), a.number(), a.elapsedMillis())).toList(),
                server.nodeId(), server.id(), now());
        List<Attempt> rest = attempts.stream().filter(a -> !succeeded.contains(a.jobId())).toList();
        return rest.isEmpty() ? List.of() : decideOutcomes(rest);
    }

    private List<JobEntity> decideOutcomes(List<Attempt> attempts) {
        Map<Long, JobEntity> jobs = byId(store.lock(attempts.stream().map(Attempt::jobId).toList()));
        OffsetDateTime now = now();
        List<JobEntity> retries = new ArrayList<>();
        List<JobEntity> ended = new ArrayList<>();
        Set<Long> succeeded = new LinkedHashSet<>();
        for (Attempt attempt : attempts) {
            JobEntity job = jobs.get(attempt.jobId());
            if (job == null) {
                continue;
            }
            if (!isCurrent(job, attempt)) {
                // Deleted (or requeued) while it ran: deleting wins, the outcome is only noted.
                history.record(job, now, "attempt " + attempt.number() + " ended "
                        + (attempt.isSuccess() ? "successfully" : "with " + summary(attempt.failure()))
                        + " after the job left PROCESSING", null);
                continue;
            }
            ended.add(job);
            if (attempt.isSuccess()) {
                succeeded.add(job.id()); // written for the whole chunk at once below
                history.record(job.id(), SUCCEEDED, job.attempt(), now,
                        "succeeded in " + attempt.elapsedMillis() + " ms", null);
                continue;
            }
            Throwable failure = attempt.failure();
            String error = summary(failure);
            String failed = "attempt " + job.attempt() + " failed";
            RetryPolicy.Decision next = retryPolicy.afterFailure(job.attempt(), job.maxAttempts(), failure, now);
            if (next instanceof RetryPolicy.Retry retry) {
                job.scheduleRetry(retry.at(), error, now);
                history.record(job, now, failed + ": " + error + "; attempt " + retry.nextAttempt() + " of "
                        + job.maxAttempts() + " at " + retry.at().toInstant(), FailureTrace.of(failure));
                retries.add(job);
            } else {
                boolean permanent = ((RetryPolicy.GiveUp) next).permanent();
                job.fail(Trigger.ATTEMPT_FAILED, error, now);
                history.record(job, now, failed + (permanent ? " permanently" : "; no attempts left") + ": " + error,
                        FailureTrace.of(failure));
            }
        }
        store.markSucceeded(succeeded, now);
        retries.addAll(releases.slots(attempts.stream().map(Attempt::type).collect(Collectors.toSet()), now, false));
        retries.addAll(releases.keys(ended, now, retries));
        return retries;
    }

    /** Whether the attempt's outcome still decides the job: it is still PROCESSING that very attempt. */
    static boolean isCurrent(JobEntity job, Attempt attempt) {
        return job.state() == PROCESSING && job.dispatch() == attempt.dispatch() && job.attempt() == attempt.number();
    }

    /** FAILED, SUCCEEDED or DELETED job → ENQUEUED with a fresh series of attempts. */
    @Transactional
    public JobEntity requeue(long id, String by) {
        JobEntity job = store.lock(id).orElseThrow(() -> new JobNotFoundException(id));
        OffsetDateTime now = now();
        try {
            job.requeue(now);
        } catch (IllegalTransitionException refused) {
            throw new JobConflictException(refused);
        }
        history.record(job, now, "requeued" + JobHistory.byWhom(by), null);
        dispatcher.dispatch(List.of(job), now);
        requeued.fire(new JobRequeued(job.id(), now)); // children its failure deleted wait again (docs/workflows.md)
        return job;
    }

    /**
     * Any job → DELETED; idempotent. A deleted job never starts; a running one is asked to stop, on whichever
     * node runs it ({@link CancelNotices}).
     */
    @Transactional
    public JobEntity delete(long id, String by) {
        JobEntity job = store.lock(id).orElseThrow(() -> new JobNotFoundException(id));
        if (job.state() == DELETED) {
            return job;
        }
        boolean wasRunning = job.state() == PROCESSING;
        OffsetDateTime now = now();
        try {
            job.delete(now);
        } catch (IllegalTransitionException refused) {
            throw new JobConflictException(refused);
        }
        if (wasRunning) {
            running.cancel(id); // here at once; any other node when the delete commits
            cancelNotices.publish(List.of(id));
        }
        history.record(job, now, "deleted" + JobHistory.byWhom(by), null);
        if (wasRunning && job.mutexKey() != null) {
            dispatcher.dispatch(releases.keys(List.of(job), now, List.of()), now); // its key is free: the next may start
        }
        return job;
    }

    /**
     * The broker gave up on these messages (DLQ). A job that had started under that message ends FAILED with the
     * reason. One that never started (ENQUEUED or SCHEDULED: its deliveries failed around it, as when a node dies
     * with messages in its consumers' buffers and the broker cancels them session by session, each cancel counting
     * as a delivery) is sent again, keeping its due time, up to {@link #DEAD_LETTER_RESENDS} times; after that it
     * ends FAILED too (docs/DESIGN.md §4).
     */
    @Transactional
    public void deadLettered(List<JobRef> refs, String reason) {
        Map<Long, JobEntity> jobs = byId(store.lock(refs.stream().map(JobRef::id).toList()));
        OffsetDateTime now = now();
        List<JobEntity> resent = new ArrayList<>();
        List<JobEntity> ended = new ArrayList<>();
        for (JobRef ref : refs) {
            JobEntity job = jobs.get(ref.id());
            if (job == null || job.dispatch() != ref.dispatch()) {
                continue;
            }
            long earlier = JobTransitions.allows(job.state(), job.state(), Trigger.DEAD_LETTER_RESENT)
                    ? store.countEvents(job.id(), DEAD_LETTER_RESENT_REASON) : DEAD_LETTER_RESENDS;
            if (earlier < DEAD_LETTER_RESENDS) {
                job.resend(Trigger.DEAD_LETTER_RESENT, now);
                history.record(job, now, DEAD_LETTER_RESENT_REASON + " (" + (earlier + 1) + " of " + DEAD_LETTER_RESENDS
                        + "): the broker gave up on its message before any attempt started", null);
                resent.add(job);
            } else if (JobTransitions.allows(job.state(), FAILED, Trigger.DEAD_LETTERED)) {
                if (job.state() == PROCESSING) {
                    ended.add(job);
                }
                job.fail(Trigger.DEAD_LETTERED, reason, now);
                history.record(job, now, reason, null);
            }
        }
        resent.addAll(releases.keys(ended, now, resent));
        if (!resent.isEmpty()) {
            dispatcher.dispatch(resent, now);
        }
    }

    private static String interrupted(JobEntity job) {
        return "attempt " + job.attempt() + " on " + JobHistory.instanceOf(job) + " was interrupted";
    }

    private static Map<Long, JobEntity> byId(List<JobEntity> jobs) {
        return jobs.stream().collect(Collectors.toMap(JobEntity::id, Function.identity(), (a, b) -> a, HashMap::new));
    }

    static String summary(Throwable failure) {
        if (failure instanceof AttemptTimedOut) {
            return failure.getMessage(); // "timed out after PT2S", without the class name
        }
        String message = failure.getMessage();
        String text = failure.getClass().getName() + (message == null ? "" : ": " + message);
        return text.length() > 1000 ? text.substring(0, 1000) + "…" : text;
    }

    private OffsetDateTime now() {
        return EngineClock.now(clock);
    }
}
