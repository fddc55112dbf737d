package dev.errand.dashboard;

import dev.errand.job.JobState;
import dev.errand.job.engine.JobLifecycle;
import dev.errand.job.store.JobEntity;
import dev.errand.job.store.JobStore;
import dev.errand.job.store.JobTransitions;
import dev.errand.job.store.JobTransitions.Trigger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Requeues or deletes many jobs through {@link JobLifecycle} (the single writer of states), a chunk per
 * transaction.
 */
@ApplicationScoped
public class BulkActions {

    static final int CHUNK = 200;

    /** A bulk action is one transition of {@link JobTransitions}, applied to each job that the table lets take it. */
    public enum Action {
        REQUEUE(JobState.ENQUEUED, Trigger.USER_REQUEUED),
        DELETE(JobState.DELETED, Trigger.USER_DELETED);

        private final JobState target;
        private final Trigger trigger;

        Action(JobState target, Trigger trigger) {
            this.target = target;
            this.trigger = trigger;
        }

        boolean appliesTo(JobState state) {
            return JobTransitions.allows(state, target, trigger);
        }
    }

    /** How many jobs changed, and how many were not eligible (unknown, or the table has no such transition). */
    public record Outcome(int changed, int skipped) {
        Outcome plus(Outcome other) {
            return new Outcome(changed + other.changed, skipped + other.skipped);
        }
    }

    @Inject
    BulkChunk chunks;

    @Inject
    JobStore store;

    public Outcome apply(Action action, List<Long> ids, String by) {
        Outcome total = new Outcome(0, 0);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            total = total.plus(chunks.apply(action, ids.subList(from, Math.min(ids.size(), from + CHUNK)), by));
        }
        return total;
    }

    /** Every job in {@code state} (newest first), page by page; jobs that reach the state meanwhile may be left. */
    public Outcome applyToState(Action action, JobState state, String by) {
        Outcome total = new Outcome(0, 0);
        Long cursor = null;
        while (true) {
            JobStore.Page page = store.list(new JobStore.Filter(state, null, null, null), cursor, CHUNK);
            if (page.items().isEmpty()) {
                return total;
            }
            total = total.plus(chunks.apply(action, page.items().stream().map(JobEntity::id).toList(), by));
            if (page.next() == null) {
                return total;
            }
            cursor = page.next();
        }
    }
}
