package dev.errand.dashboard;

import dev.errand.job.engine.JobLifecycle;
import dev.errand.job.store.JobEntity;
import dev.errand.job.store.JobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/**
 * One transaction of a bulk action: the rows are locked first and only those whose state the transition table
 * lets take the action ({@link BulkActions.Action#appliesTo}) are passed to {@link JobLifecycle}, so a job that
 * changed meanwhile is skipped rather than rolling back its neighbours.
 */
@ApplicationScoped
public class BulkChunk {

    @Inject
    JobLifecycle lifecycle;

    @Inject
    JobStore store;

    @Transactional
    public BulkActions.Outcome apply(BulkActions.Action action, List<Long> ids, String by) {
        List<JobEntity> locked = store.lock(ids);
        List<Long> eligible = new ArrayList<>(locked.size());
        for (JobEntity job : locked) {
            if (action.appliesTo(job.state())) {
                eligible.add(job.id());
            }
        }
        for (long id : eligible) {
            if (action == BulkActions.Action.REQUEUE) {
                lifecycle.requeue(id, by);
            } else {
                lifecycle.delete(id, by);
            }
        }
        return new BulkActions.Outcome(eligible.size(), ids.size() - eligible.size());
    }
}
