package dev.errand.job.engine;

import dev.errand.job.JobContext;

/** A job attempt running on this server; the handler sees it as its {@link JobContext}. */
final class RunningJob implements JobContext {

    private final long jobId;
    private final int attempt;
    private final String type;
    private volatile boolean cancelled;

    RunningJob(long jobId, int attempt, String type) {
        this.jobId = jobId;
        this.attempt = attempt;
        this.type = type;
    }

    @Override
    public long jobId() {
        return jobId;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    void cancel() {
        cancelled = true;
    }
}
