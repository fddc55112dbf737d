package dev.errand.job.engine;

import dev.errand.job.store.JobEntity;
import dev.errand.job.store.JobStore;
import dev.errand.job.store.JobTransitions;
import dev.errand.job.store.JobTransitions.Trigger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

import static dev.errand.job.JobState.ENQUEUED;

/**
 * Jobs whose message or server was lost (docs/DESIGN.md §2, invariants 1 and 4): a message that never came, a send
 * of the doorbell that failed or died with its server, an attempt whose server stopped heartbeating. Each is sent
 * again under a new dispatch number, so that a late original is stale and the job still runs once.
 */
@ApplicationScoped
public class LostJobs {

    private static final Logger LOG = Logger.getLogger(LostJobs.class.getName());

    @Inject
    JobStore store;

    @Inject
    JobDispatcher dispatcher;

    @Inject
    JobReleases releases;

    @Inject
    JobHistory history;

    @Inject
    Clock clock;

    /**
     * Sends again the messages of jobs that waited too long (invariant 1: the row committed but its message
     * did not). The new dispatch number makes any late original stale, so the job still runs once.
     */
    @Transactional
    public int redispatchStale(OffsetDateTime before, int limit) {
        List<JobEntity> stale = store.lockStale(before, limit);
        OffsetDateTime now = now();
        for (JobEntity job : stale) {
            OffsetDateTime waitedSince = job.updatedAt();
            job.enqueueAgain(Trigger.MESSAGE_LOST, now);
            history.record(job, now, "message sent again: the job waited since " + waitedSince.toInstant() + " without starting", null);
        }
        dispatcher.dispatch(stale, now);
        return stale.size();
    }

    /**
     * The doorbell's send of these jobs failed after their commit: those still ENQUEUED get a new dispatch number,
     * so that a message the broker took although the send failed is stale, and are sent again.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int resendAfterFailedSend(List<Long> ids) {
        return resend(store.lock(ids).stream().filter(j -> j.state() == ENQUEUED).toList(),
                "message sent again: the broker did not take it after the job was stored");
    }

    /**
     * Jobs stored by servers silent since {@code staleBefore} (never {@code self}) after the time their last
     * heartbeat said all was sent by, which never started: their messages may have died with the server (the
     * doorbell), so they are sent again under new dispatch numbers.
     *
     * @return how many jobs were sent again (at most {@code limit})
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int resendUnsentOfSilent(OffsetDateTime staleBefore, String self, int limit) {
        return resend(store.lockUnsentOfSilent(staleBefore, self, limit),
                "message sent again: the server that stored the job stopped heartbeating");
    }

    private int resend(List<JobEntity> jobs, String reason) {
        OffsetDateTime now = now();
        for (JobEntity job : jobs) {
            job.enqueueAgain(Trigger.MESSAGE_LOST, now);
            history.record(job, now, reason, null);
        }
        dispatcher.dispatch(jobs, now);
        return jobs.size();
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
        Set<String> freed = new LinkedHashSet<>();
        for (JobEntity job : orphans) {
            if (!JobTransitions.allows(job.state(), ENQUEUED, Trigger.SERVER_LOST)) {
                continue;
            }
            String abandoned = "server " + JobHistory.instanceOf(job) + " stopped heartbeating; attempt " + job.attempt() + " abandoned";
            if (!job.hasAttemptsLeft()) {
                job.fail(Trigger.SERVER_LOST, abandoned, now);
                history.record(job, now, abandoned + "; no attempts left", null);
                freed.add(job.type()); // its slot is free: a job its type's limit held may start
                continue;
            }
            job.enqueueAgain(Trigger.SERVER_LOST, now);
            history.record(job, now, abandoned, null);
            requeued.add(job);
        }
        if (!requeued.isEmpty()) {
            LOG.warning(() -> "Requeued " + requeued.size() + " jobs of servers that stopped heartbeating: "
                    + requeued.stream().map(JobEntity::id).toList());
        }
        requeued.addAll(releases.slots(freed, now, false));
        requeued.addAll(releases.keys(orphans, now, requeued)); // a requeued orphan waits for its key like any job
        if (!requeued.isEmpty()) {
            dispatcher.dispatch(requeued, now);
        }
        return orphans.size();
    }

    private OffsetDateTime now() {
        return EngineClock.now(clock);
    }
}
