package dev.errand.job.engine;

import dev.errand.job.store.JobJournal;
import dev.errand.platform.housekeeping.HousekeepingTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes what running handlers report (docs/job-progress.md): every second, one transaction for all attempts of
 * this server, and once more as each attempt ends, so its last lines are stored before its outcome is.
 */
@ApplicationScoped
public class JournalWriter implements HousekeepingTask {

    private static final Logger LOG = Logger.getLogger(JournalWriter.class.getName());

    @Inject
    RunningJobs running;

    @Inject
    JobJournal journal;

    @Override
    public String name() {
        return "job progress and logs";
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(1);
    }

    @Override
    public int run() {
        List<JobJournal.Entries> entries = running.takeJournals();
        if (!entries.isEmpty()) {
            journal.write(entries);
        }
        return entries.size();
    }

    @Override
    public Level logLevel(int count) {
        return Level.FINEST;
    }

    /** The rest of an attempt that ended; a failure to store it is logged, never the attempt's failure. */
    void finish(RunningJob attempt) {
        JobJournal.Entries rest = attempt.takeJournal();
        if (rest == null) {
            return;
        }
        try {
            journal.write(List.of(rest));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not store the last progress and log lines of job " + attempt.jobId(), e);
        }
    }
}
