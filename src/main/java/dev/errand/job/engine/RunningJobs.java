package dev.errand.job.engine;

import dev.errand.server.ServerLoad;
import jakarta.annotation.PreDestroy;
import dev.errand.job.store.JobJournal;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The attempts running in this server right now. A second delivery of a job that is still running here (a
 * transaction timeout hands the message back to the broker) must not start it twice. An attempt with a timeout
 * is interrupted when it runs past it (docs/run-control.md).
 */
@ApplicationScoped
public class RunningJobs implements ServerLoad {

    private static final Logger LOG = Logger.getLogger(RunningJobs.class.getName());

    private final Map<Long, RunningJob> running = new ConcurrentHashMap<>();

    @Inject
    Clock clock;

    @Resource
    ManagedScheduledExecutorService timers;

    /** Registers the attempt running on the calling thread; with a timeout, a timer that interrupts it then. */
    RunningJob begin(long jobId, int dispatch, int attempt, String type, Duration timeout) {
        RunningJob job = new RunningJob(jobId, dispatch, attempt, type, clock);
        running.put(jobId, job);
        if (timeout != null) {
            job.timer(timers.schedule(() -> job.timeOut(timeout), timeout.toMillis(), TimeUnit.MILLISECONDS));
        }
        return job;
    }

    void end(RunningJob job) {
        job.end();
        running.remove(job.jobId(), job);
    }

    public boolean isRunning(long jobId) {
        return running.containsKey(jobId);
    }

    public int count() {
        return running.size();
    }

    @Override
    public int running() {
        return count();
    }

    Set<Long> ids() {
        return Set.copyOf(running.keySet());
    }

    /** What the running attempts reported since this was last asked. */
    List<JobJournal.Entries> takeJournals() {
        return running.values().stream().map(RunningJob::takeJournal).filter(java.util.Objects::nonNull).toList();
    }

    /** Asks a running attempt to stop at its next safe point (the job was deleted). */
    public void cancel(long jobId) {
        RunningJob job = running.get(jobId);
        if (job != null) {
            job.cancel();
        }
    }

    @PreDestroy
    void shutdown() {
        if (!running.isEmpty()) {
            // Their messages are not acknowledged: the broker hands them out again after the restart, and the
            // next attempt records this one as interrupted.
            LOG.warning(() -> "Stopping with " + running.size() + " job attempts still running: " + running.keySet());
            running.values().forEach(RunningJob::cancel);
        }
    }
}
