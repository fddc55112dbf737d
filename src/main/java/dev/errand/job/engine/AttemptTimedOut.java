package dev.errand.job.engine;

import java.time.Duration;

/**
 * An attempt ran past its timeout (docs/run-control.md): a failure like any other, retried per the job's policy.
 * Its history reads "timed out after PT…" rather than a class name.
 */
public class AttemptTimedOut extends RuntimeException {

    public AttemptTimedOut(Duration after) {
        super("timed out after " + after, null, false, false);
    }
}
