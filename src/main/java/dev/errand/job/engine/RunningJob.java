package dev.errand.job.engine;

import dev.errand.job.JobContext;
import dev.errand.job.store.JobJournal;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;

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
    private volatile boolean cancelled;

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
}
