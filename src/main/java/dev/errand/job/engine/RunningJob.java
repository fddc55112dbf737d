package dev.errand.job.engine;

import dev.errand.job.JobContext;
import java.time.Duration;
import java.util.concurrent.Future;

/** A job attempt running on this server; the handler sees it as its {@link JobContext}. */
final class RunningJob implements JobContext {

    private final long jobId;
    private final int attempt;
    private final String type;
    private final Thread thread = Thread.currentThread();
    private volatile boolean cancelled;
    /** Set once the attempt ran past its timeout; guarded by {@code this} with {@link #ended}. */
    private Duration timedOutAfter;
    private boolean ended;
    private Future<?> timer;

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

    synchronized void timer(Future<?> scheduled) {
        timer = scheduled;
    }

    /**
     * The timeout struck: the handler is asked to stop ({@link #isCancelled()}) and its thread interrupted, which
     * ends sleeps, waits and interruptible I/O. Does nothing once the attempt has ended, so a late timer never
     * interrupts the worker thread's next job.
     */
    synchronized void timeOut(Duration after) {
        if (!ended) {
            timedOutAfter = after;
            cancelled = true;
            thread.interrupt();
        }
    }

    /** The attempt is over: no timeout strikes from now on; an interrupt it left on the worker thread is cleared. */
    void end() {
        synchronized (this) {
            ended = true;
            if (timer != null) {
                timer.cancel(false);
            }
        }
        if (timedOutAfter != null) {
            Thread.interrupted();
        }
    }

    /** The failure of an attempt that ran past its timeout, or {@code null}. */
    synchronized AttemptTimedOut timedOut() {
        return timedOutAfter == null ? null : new AttemptTimedOut(timedOutAfter);
    }
}
