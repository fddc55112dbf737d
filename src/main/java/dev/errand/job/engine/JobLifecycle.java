package dev.errand.job.engine;

import dev.errand.job.JobState;
import dev.errand.job.PermanentJobFailure;
import dev.errand.job.store.JobEntity;
import dev.errand.job.store.JobEventEntity;
import dev.errand.job.store.JobStore;
import dev.errand.server.ServerIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import static dev.errand.job.JobState.DELETED;
import static dev.errand.job.JobState.ENQUEUED;
import static dev.errand.job.JobState.FAILED;
import static dev.errand.job.JobState.PROCESSING;
import static dev.errand.job.JobState.SCHEDULED;
import static dev.errand.job.JobState.SUCCEEDED;

/**
 * The job state machine: the one class that changes a job's state, and every change appends a history
 * event in the same transaction. DESIGN.md section 2 lists the invariants enforced here.
 */
@ApplicationScoped
public class JobLifecycle {

    private static final Logger LOG = Logger.getLogger(JobLifecycle.class.getName());
    private static final int MAX_TRACE = 16 * 1024;

    @Inject
    JobStore store;

    @Inject
    JobDispatcher dispatcher;

    @Inject
    ServerIdentity server;

    @Inject
    Backoff backoff;

    @Inject
    RunningJobs running;

    /**
     * Stores new jobs (ENQUEUED, or SCHEDULED when their {@code scheduledAt} lies ahead) and sends their
     * messages, in the caller's transaction.
     */
    @Transactional
    public void create(List<JobEntity> jobs) {
        OffsetDateTime now = now();
        for (JobEntity job : jobs) {
            store.persist(job);
            OffsetDateTime runAt = job.scheduledAt();
            if (runAt != null && runAt.isAfter(now)) {
                move(job, SCHEDULED, now, "scheduled for " + runAt.toInstant() + byWhom(job.submittedBy()), null);
            } else {
                job.scheduleAt(null);
                move(job, ENQUEUED, now, "enqueued" + byWhom(job.submittedBy()), null);
            }
            job.nextDispatch();
        }
        dispatcher.dispatch(jobs, now);
    }

    /**
     * Claims the jobs of a message and commits them PROCESSING before any handler runs, so that the state is
     * visible and a crash during the run is recognised when the message comes back.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Attempt> start(List<JobRef> refs) {
        Map<Long, JobEntity> jobs = byId(store.lock(refs.stream().map(JobRef::id).toList()));
        OffsetDateTime now = now();
        List<Attempt> claimed = new ArrayList<>(refs.size());
        Set<Long> starting = new LinkedHashSet<>();
        for (JobRef ref : refs) {
            JobEntity job = jobs.get(ref.id());
            if (job == null || job.dispatch() != ref.dispatch() || starting.contains(job.id())) {
                continue; // purged, or superseded by a newer message (requeue, recovery): that one runs it
            }
            JobState state = job.state();
            if (state == PROCESSING) {
                if (running.isRunning(job.id())) {
                    continue; // handed back by the broker while the attempt still runs here
                }
                String interrupted = "attempt " + job.attempt() + " on " + job.serverId() + " was interrupted";
                if (job.attempt() >= job.maxAttempts()) {
                    job.finish(now, "interrupted");
                    move(job, FAILED, now, interrupted + "; no attempts left", null);
                    continue;
                }
                job.beginAttempt(server.id(), now);
                move(job, PROCESSING, now, interrupted + "; attempt " + job.attempt() + " of " + job.maxAttempts(), null);
            } else if (state == ENQUEUED || state == SCHEDULED) {
                // the usual case, written for the whole chunk at once below (the entity stays as read)
                int attempt = job.attempt() + 1;
                starting.add(job.id());
                record(job.id(), PROCESSING, attempt, now, "attempt " + attempt + " of " + job.maxAttempts(), null);
                claimed.add(Attempt.claimed(job.id(), job.dispatch(), attempt, job.type(), job.args()));
                continue;
            } else {
                continue; // finished or deleted: a duplicate message changes nothing
            }
            claimed.add(Attempt.claimed(job.id(), job.dispatch(), job.attempt(), job.type(), job.args()));
        }
        store.markProcessing(starting, server.id(), now);
        return claimed;
    }

    /**
     * Records how the attempts ended: SUCCEEDED, SCHEDULED for a retry, or FAILED when attempts are spent.
     * Returns the jobs to retry: the caller sends their messages in the delivery's own transaction (a send from
     * this nested transaction is lost on Payara); if that send is lost in a crash, recovery sends it again.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<JobEntity> finish(List<Attempt> attempts) {
        Map<Long, JobEntity> jobs = byId(store.lock(attempts.stream().map(Attempt::jobId).toList()));
        OffsetDateTime now = now();
        List<JobEntity> retries = new ArrayList<>();
        List<Long> succeeded = new ArrayList<>(attempts.size());
        for (Attempt attempt : attempts) {
            JobEntity job = jobs.get(attempt.jobId());
            if (job == null || job.state() != PROCESSING || job.dispatch() != attempt.dispatch()
                    || job.attempt() != attempt.number()) {
                if (job != null) {
                    // Deleted (or requeued) while it ran: deleting wins, the outcome is only noted.
                    record(job, job.state(), now, "attempt " + attempt.number() + " ended "
                            + (attempt.isSuccess() ? "successfully" : "with " + summary(attempt.failure()))
                            + " after the job left PROCESSING", null);
                }
                continue;
            }
            if (attempt.isSuccess()) {
                succeeded.add(job.id()); // written for the whole chunk at once below
                record(job.id(), SUCCEEDED, job.attempt(), now, "succeeded in " + attempt.elapsedMillis() + " ms", null);
                continue;
            }
            Throwable failure = attempt.failure();
            String error = summary(failure);
            boolean permanent = failure instanceof PermanentJobFailure;
            if (permanent || job.attempt() >= job.maxAttempts()) {
                job.finish(now, error);
                move(job, FAILED, now, "attempt " + job.attempt() + " failed"
                        + (permanent ? " permanently" : "; no attempts left") + ": " + error, trace(failure));
            } else {
                OffsetDateTime retryAt = now.plus(backoff.after(job.attempt())).truncatedTo(ChronoUnit.MILLIS);
                job.recordError(error);
                job.scheduleAt(retryAt);
                job.nextDispatch();
                move(job, SCHEDULED, now, "attempt " + job.attempt() + " failed: " + error + "; attempt "
                        + (job.attempt() + 1) + " of " + job.maxAttempts() + " at " + retryAt.toInstant(), trace(failure));
                retries.add(job);
            }
        }
        store.markSucceeded(succeeded, now);
        return retries;
    }

    /** FAILED, SUCCEEDED or DELETED job → ENQUEUED with a fresh series of attempts. */
    @Transactional
    public JobEntity requeue(long id, String by) {
        JobEntity job = store.lock(id).orElseThrow(() -> new JobNotFoundException(id));
        if (!job.state().isFinal()) {
            throw new JobConflictException(id, "a " + job.state() + " job cannot be requeued; only finished ones can");
        }
        OffsetDateTime now = now();
        job.restartAttempts();
        job.scheduleAt(null);
        job.nextDispatch();
        move(job, ENQUEUED, now, "requeued" + byWhom(by), null);
        dispatcher.dispatch(List.of(job), now);
        return job;
    }

    /** Any job → DELETED; idempotent. A deleted job never starts; a running one is asked to stop. */
    @Transactional
    public JobEntity delete(long id, String by) {
        JobEntity job = store.lock(id).orElseThrow(() -> new JobNotFoundException(id));
        if (job.state() == DELETED) {
            return job;
        }
        OffsetDateTime now = now();
        if (job.state() == PROCESSING) {
            running.cancel(id);
        }
        job.finish(now, job.error());
        move(job, DELETED, now, "deleted" + byWhom(by), null);
        return job;
    }

    /** The broker gave up on these messages (DLQ): their jobs end FAILED with that reason. */
    @Transactional
    public void deadLettered(List<JobRef> refs, String reason) {
        Map<Long, JobEntity> jobs = byId(store.lock(refs.stream().map(JobRef::id).toList()));
        OffsetDateTime now = now();
        for (JobRef ref : refs) {
            JobEntity job = jobs.get(ref.id());
            if (job != null && job.dispatch() == ref.dispatch() && !job.state().isFinal()) {
                job.finish(now, reason);
                move(job, FAILED, now, reason, null);
            }
        }
    }

    /**
     * Sends again the messages of jobs that waited too long (invariant 1: the row committed but its message
     * did not). The new dispatch number makes any late original stale, so the job still runs once.
     */
    @Transactional
    public int redispatchStale(OffsetDateTime before, int limit) {
        List<JobEntity> stale = store.lockStale(before, limit);
        OffsetDateTime now = now();
        for (JobEntity job : stale) {
            job.nextDispatch();
            job.scheduleAt(null);
            move(job, ENQUEUED, now, "message sent again: the job waited since "
                    + job.updatedAt().toInstant() + " without starting", null);
        }
        dispatcher.dispatch(stale, now);
        return stale.size();
    }

    /**
     * Invariant 4: jobs PROCESSING on a server that stopped heartbeating before {@code staleBefore} (never
     * {@code self}) go back to ENQUEUED with a new dispatch number, so a late message of the dead attempt is
     * stale; the abandoned attempt counts, and a job with no attempts left ends FAILED.
     *
     * @return how many jobs were found (at most {@code limit})
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int requeueOrphans(OffsetDateTime staleBefore, String self, int limit) {
        List<JobEntity> orphans = store.lockOrphans(staleBefore, self, limit);
        OffsetDateTime now = now();
        List<JobEntity> requeued = new ArrayList<>(orphans.size());
        for (JobEntity job : orphans) {
            if (job.state() != PROCESSING) {
                continue;
            }
            String abandoned = "server " + job.serverId() + " stopped heartbeating; attempt " + job.attempt() + " abandoned";
            if (job.attempt() >= job.maxAttempts()) {
                job.finish(now, abandoned);
                move(job, FAILED, now, abandoned + "; no attempts left", null);
                continue;
            }
            job.nextDispatch();
            job.scheduleAt(null);
            move(job, ENQUEUED, now, abandoned, null);
            requeued.add(job);
        }
        if (!requeued.isEmpty()) {
            LOG.warning(() -> "Requeued " + requeued.size() + " jobs of servers that stopped heartbeating: "
                    + requeued.stream().map(JobEntity::id).toList());
            dispatcher.dispatch(requeued, now);
        }
        return orphans.size();
    }

    private void move(JobEntity job, JobState next, OffsetDateTime now, String reason, String exception) {
        job.moveTo(next, now);
        record(job, next, now, reason, exception);
    }

    private void record(JobEntity job, JobState state, OffsetDateTime now, String reason, String exception) {
        record(job.id(), state, job.attempt(), now, reason, exception);
    }

    private void record(long jobId, JobState state, int attempt, OffsetDateTime now, String reason, String exception) {
        store.record(new JobEventEntity(jobId, now, state, attempt, server.id(), reason, exception));
    }

    private static Map<Long, JobEntity> byId(List<JobEntity> jobs) {
        return jobs.stream().collect(Collectors.toMap(JobEntity::id, Function.identity(), (a, b) -> a, HashMap::new));
    }

    private static String byWhom(String by) {
        return by == null ? "" : " by " + by;
    }

    static String summary(Throwable failure) {
        String message = failure.getMessage();
        String text = failure.getClass().getName() + (message == null ? "" : ": " + message);
        return text.length() > 1000 ? text.substring(0, 1000) + "…" : text;
    }

    private static String trace(Throwable failure) {
        StringWriter out = new StringWriter();
        failure.printStackTrace(new PrintWriter(out));
        String text = out.toString();
        return text.length() > MAX_TRACE ? text.substring(0, MAX_TRACE) + "\n…" : text;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
