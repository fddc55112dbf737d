package dev.errand.server;

import java.time.Instant;

/**
 * Jobs this server stored whose messages it has not sent yet (the doorbell sends them after their commit), for its
 * heartbeat. The job engine implements it; this package cannot depend on the engine (the engine depends on this one).
 */
public interface UnsentJobs {

    /**
     * A time before which every job this server stored has had its message sent: when this server is found dead,
     * the jobs it stored from then on that never started are sent again.
     */
    Instant allSentBefore(Instant now);

    /** Jobs whose messages may not have been sent yet: being committed, waiting for the sender, or failed. */
    int unsent();
}
