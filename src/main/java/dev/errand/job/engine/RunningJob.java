package dev.errand.job.engine;

import dev.errand.job.JobContext;
import dev.errand.job.store.JobJournal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Future;

/**
 * A job attempt running on this server; the handler sees it as its {@link JobContext}. What the handler reports
 * (progress, log lines) waits here until {@link JournalWriter} takes it: a handler's call never waits on the
 * database, and never takes a second connection while its own transaction holds one.
 */
final class RunningJob implements JobContext {

    private final long jobId;
    private final int dispatch;
    private final int attempt;
    private final String type;
    private final Clock clock;
    private final Thread thread = Thread.currentThread();
    private volatile boolean cancelled;
    /** Set once the attempt ran past its timeout; guarded by {@code this} with {@link #ended}. */
    private Duration timedOutAfter;
    private boolean ended;
    private Future<?> timer;

    private long progressVersion;
    private JobJournal.Progress progress;
    private int lineCount;
    private final ArrayDeque<JobJournal.Line> lines = new ArrayDeque<>();

    RunningJob(long jobId, int dispatch, int attempt, String type, Clock clock) {
        this.jobId = jobId;
        this.dispatch = dispatch;
        this.attempt = attempt;
        this.type = type;
        this.clock = clock;
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

    @Override
    public void progress(long done, long total) {
        if (done < 0 || total < 0) {
            throw new IllegalArgumentException("progress " + done + " of " + total + ": neither may be negative");
        }
        synchronized (lines) {
            progress = new JobJournal.Progress(dispatch, attempt, ++progressVersion, done, total, EngineClock.now(clock));
        }
    }

    @Override
    public void log(String line) {
        String text = JournalText.line(line);
        synchronized (lines) {
            lines.addLast(new JobJournal.Line(dispatch, attempt, ++lineCount, EngineClock.now(clock), text));
            // Only the newest lines are kept in the database; a handler logging faster than they are written
            // loses the oldest here already.
            if (lines.size() > JobJournal.LINES_PER_ATTEMPT) {
                lines.removeFirst();
            }
        }
    }

    /** What was reported since the last call, or null if nothing was. */
    JobJournal.Entries takeJournal() {
        synchronized (lines) {
            if (progress == null && lines.isEmpty()) {
                return null;
            }
            JobJournal.Entries entries = new JobJournal.Entries(jobId, progress, List.copyOf(lines));
            progress = null;
            lines.clear();
            return entries;
        }
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
