package dev.errand.job.workflow;

import dev.errand.job.JobState;
import dev.errand.job.engine.EngineClock;
import dev.errand.job.engine.JobDispatcher;
import dev.errand.job.engine.JobRequeued;
import dev.errand.job.store.DependencyStore;
import dev.errand.job.store.JobEntity;
import dev.errand.job.store.JobEventEntity;
import dev.errand.job.store.JobStore;
import dev.errand.server.ServerIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides waiting continuations (docs/workflows.md). Each decision locks the child row and moves it by the
 * transition table (AWAITING → ENQUEUED or DELETED) with its history event, its message in the same transaction:
 * two servers never release a child twice, and a crash before the commit leaves it AWAITING for the next sweep.
 */
@ApplicationScoped
public class Continuations {

    /** The reason of a child deleted for its parent; a requeue of that parent finds it by this prefix. */
    static String deletedFor(long parent) {
        return "parent " + parent + " ";
    }

    @Inject
    DependencyStore dependencies;

    @Inject
    JobStore store;

    @Inject
    JobDispatcher dispatcher;

    @Inject
    ServerIdentity server;

    @Inject
    Clock clock;

    /** @return how many children were decided (fewer than {@code limit}: no more are decidable now) */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int decide(int limit) {
        List<Long> ids = dependencies.lockDecidable(limit);
        if (ids.isEmpty()) {
            return 0;
        }
        Map<Long, List<DependencyStore.Parent>> parents = new LinkedHashMap<>();
        dependencies.parents(ids).forEach(p -> parents.computeIfAbsent(p.childId(), k -> new ArrayList<>()).add(p));
        OffsetDateTime now = EngineClock.now(clock);
        List<JobEntity> released = new ArrayList<>();
        for (JobEntity child : store.lock(ids)) {
            List<DependencyStore.Parent> of = parents.getOrDefault(child.id(), List.of());
            if (child.state() != JobState.AWAITING || of.isEmpty()) {
                continue;
            }
            DependencyStore.Parent failed = of.stream().filter(p -> !p.afterAny()
                    && (p.state() == JobState.FAILED || p.state() == JobState.DELETED)).findFirst().orElse(null);
            if (failed != null) {
                String reason = deletedFor(failed.parentId()) + "ended " + failed.state();
                child.deleteForParent(reason, now);
                record(child, now, "deleted: " + reason);
            } else if (of.stream().allMatch(p -> isFinal(p.state()))) {
                child.release(now);
                record(child, now, "released: parents " + of.stream().map(p -> p.parentId() + " " + p.state()).toList());
                released.add(child);
            }
        }
        if (!released.isEmpty()) {
            dispatcher.dispatch(released, now);
        }
        return ids.size();
    }

    /**
     * In the requeue's transaction: the children that this parent's failure deleted wait again, so its success
     * releases them as if it had never failed. A child deleted by a user, or for another parent, stays deleted.
     */
    void requeued(@Observes JobRequeued event) {
        List<Long> children = dependencies.children(event.jobId());
        if (children.isEmpty()) {
            return;
        }
        String reason = deletedFor(event.jobId());
        for (JobEntity child : store.lock(children)) {
            if (child.state() == JobState.DELETED && child.error() != null && child.error().startsWith(reason)) {
                child.awaitAgain(event.at());
                record(child, event.at(), "awaiting again: parent " + event.jobId() + " was requeued");
            }
        }
    }

    private static boolean isFinal(JobState state) {
        return state == JobState.SUCCEEDED || state == JobState.FAILED || state == JobState.DELETED;
    }

    private void record(JobEntity job, OffsetDateTime now, String reason) {
        store.record(new JobEventEntity(job.id(), now, job.state(), job.attempt(), server.nodeId(), server.id(), reason,
                null));
    }
}
