package dev.errand.job.engine;

import dev.errand.job.store.IllegalTransitionException;

/** A user asked for a change of state that the job's current state does not allow (HTTP 409). */
public class JobConflictException extends IllegalTransitionException {

    public JobConflictException(IllegalTransitionException refused) {
        super(refused);
    }
}
