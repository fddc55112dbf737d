package dev.errand.job.engine;

import dev.errand.job.JobState;
import dev.errand.job.store.JobEntity;
import dev.errand.job.store.JobEventEntity;
import dev.errand.job.store.JobStore;
import dev.errand.server.ServerIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;

/** Appends a job's history events, written by this server, in the caller's transaction. */
@ApplicationScoped
class JobHistory {

    @Inject
    JobStore store;

    @Inject
    ServerIdentity server;

    /** The history event of the job's current state (just entered, or unchanged for a note). */
    void record(JobEntity job, OffsetDateTime now, String reason, String exception) {
        record(job.id(), job.state(), job.attempt(), now, reason, exception);
    }

    void record(long jobId, JobState state, int attempt, OffsetDateTime now, String reason, String exception) {
        store.record(new JobEventEntity(jobId, now, state, attempt, server.nodeId(), server.id(), reason, exception));
    }

    /** The node and, where a restart made it another one, the instance: "errand-2 (instance errand-2/1a2b3c4d)". */
    static String instanceOf(JobEntity job) {
        String instance = job.serverInstance();
        return instance == null || instance.equals(job.serverId()) ? job.serverId()
                : job.serverId() + " (instance " + instance + ")";
    }

    static String byWhom(String by) {
        return by == null ? "" : " by " + by;
    }
}
