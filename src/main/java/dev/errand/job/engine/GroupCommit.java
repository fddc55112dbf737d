package dev.errand.job.engine;

import dev.errand.job.NewJob;
import dev.errand.job.store.JobEntity;
import dev.errand.job.timing.Stage;
import dev.errand.job.timing.StageTimes;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit for single submissions: requests that arrive while a commit is under way share the next
 * transaction, so the per-transaction cost (fsyncs) is paid once per group instead of once per job; their
 * messages leave after the commit ({@link Doorbell}). There is no waiting window: the first waiting request leads,
 * committing everything queued at that moment, and each caller returns only after its job has committed.
 */
@ApplicationScoped
public class GroupCommit {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());
    private static final int MAX_GROUP = 200;

    private record Pending(JobEntity job, Doorbell.Ticket ticket, CompletableFuture<JobEntity> done) {
    }

    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean leading = new AtomicBoolean();

    @Inject
    JobSubmitter submitter;

    @Inject
    JobLifecycle lifecycle;

    @Inject
    Doorbell doorbell;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /**
     * Creates the job and returns once it is committed. A job due now has its message sent after the commit by the
     * {@link Doorbell}; one due later, or any while the doorbell is full, has it sent with the commit.
     */
    public JobSubmitter.Submitted submit(NewJob request) {
        if (request.idempotencyKey() != null || !request.after().isEmpty() || transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION) {
            // a key needs its lookup in the same transaction, parents theirs; a caller's transaction must own the job
            return submitter.submit(List.of(request)).get(0);
        }
        Doorbell.Ticket ticket = doorbell.open(); // before the row's created_at is taken
        Pending pending;
        try {
            pending = new Pending(submitter.prepare(request), ticket, new CompletableFuture<>());
        } catch (RuntimeException e) {
            doorbell.abandon(ticket);
            throw e;
        }
        queue.add(pending);
        leadWhileQueued();
        while (true) {
            try {
                return new JobSubmitter.Submitted(pending.done.get(100, TimeUnit.MILLISECONDS), true);
            } catch (TimeoutException e) {
                leadWhileQueued(); // belt and braces: leadWhileQueued leaves no job behind
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while submitting", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
    }

    /**
     * Commits queued jobs unless another thread is doing so. A job queued while the leader steps down is not
     * stranded: either the leader sees it after stepping down and leads again, or its own thread, which queued
     * it before trying to lead, finds no leader. Waiting callers therefore sleep until their job is done.
     */
    private void leadWhileQueued() {
        while (!queue.isEmpty() && leading.compareAndSet(false, true)) {
            try {
                commitQueued();
            } finally {
                leading.set(false);
            }
        }
    }

    private void commitQueued() {
        List<Pending> group = new ArrayList<>();
        for (Pending next; (next = queue.poll()) != null; ) {
            group.add(next);
            if (group.size() == MAX_GROUP) {
                commit(group);
                group = new ArrayList<>();
            }
        }
        if (!group.isEmpty()) {
            commit(group);
        }
    }

    private void commit(List<Pending> group) {
        try {
            long start = System.nanoTime();
            List<JobEntity> jobs = group.stream().map(Pending::job).toList();
            Set<JobEntity> unsent = Collections.newSetFromMap(new IdentityHashMap<>());
            if (doorbell.accepts()) {
                unsent.addAll(lifecycle.createSendingDueLater(jobs));
            } else {
                lifecycle.create(jobs);
            }
            StageTimes.since(Stage.SUBMIT_COMMIT, start);
            group.stream().filter(p -> !unsent.contains(p.job)).forEach(p -> doorbell.abandon(p.ticket));
            doorbell.ring(group.stream().filter(p -> unsent.contains(p.job))
                    .map(p -> new Doorbell.Unsent(p.ticket, p.job)).toList());
            group.forEach(p -> p.done.complete(p.job));
        } catch (Exception e) {
            // Exception, not RuntimeException: the transaction interceptor (Narayana's) rethrows a failed commit's
            // checked RollbackException unwrapped, and a waiting caller whose outcome is never set waits forever.
            if (group.size() == 1) {
                doorbell.abandon(group.get(0).ticket);
                group.get(0).done.completeExceptionally(e);
                return;
            }
            // One job must not fail its neighbours: commit them one by one, each with its own outcome.
            LOG.log(Level.FINE, "Group commit of " + group.size() + " jobs failed; committing them singly", e);
            for (Pending pending : group) {
                commit(List.of(new Pending(pending.job.copyForRetry(), pending.ticket, pending.done)));
            }
        }
    }
}
