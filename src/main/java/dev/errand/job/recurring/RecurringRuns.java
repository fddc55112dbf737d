package dev.errand.job.recurring;

import dev.errand.job.NewJob;
import dev.errand.job.engine.JobSubmitter;
import dev.errand.job.store.JobEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Runs recurring jobs, when their timer fires or when triggered. A run enqueues an ordinary job; at most one run
 * per definition and due instant (the {@code recurring_run} primary key), whatever the timers do.
 */
@ApplicationScoped
public class RecurringRuns {

    private static final Logger LOG = Logger.getLogger(RecurringRuns.class.getName());

    /** How long after its due instant a timer may fire and still count for that instant (a late or early wake-up). */
    private static final long FIRE_TOLERANCE_SECONDS = 2;

    /** A run this late is a catch-up (a timer fired at start for a time the server was down). */
    private static final long LATE_SECONDS = 10;

    public enum Outcome { RAN, ALREADY_RAN, NOTHING_DUE, UNDEFINED }

    @Inject
    RecurringJobStore store;

    @Inject
    JobSubmitter submitter;

    /** Enqueues the job now, outside the schedule. */
    @Transactional
    public Optional<JobEntity> trigger(String id, String by) {
        Optional<RecurringJobEntity> found = store.lock(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RecurringJobEntity definition = found.get();
        String origin = "recurring job " + id + (by == null ? "" : ", triggered by " + by);
        JobEntity job = enqueue(definition, origin.length() > 200 ? origin.substring(0, 200) : origin);
        definition.ran(now(), job.id());
        return Optional.of(job);
    }

    /**
     * A timer fired: runs the definition for its latest due instant unless that instant already ran. After
     * downtime this is one catch-up run for the latest missed instant, never one per missed instant.
     */
    @Transactional
    public Outcome runDue(String id, Instant firedAt) {
        Optional<RecurringJobEntity> found = store.lock(id);
        if (found.isEmpty()) {
            return Outcome.UNDEFINED;
        }
        RecurringJobEntity definition = found.get();
        Optional<Instant> due = definition.schedule().lastBefore(firedAt.plusSeconds(FIRE_TOLERANCE_SECONDS));
        if (due.isEmpty() || due.get().isBefore(definition.scheduleSince().toInstant())) {
            LOG.fine(() -> "Recurring job '" + id + "': timer fired at " + firedAt + " with nothing due");
            return Outcome.NOTHING_DUE;
        }
        OffsetDateTime dueAt = due.get().atOffset(ZoneOffset.UTC);
        if (store.hasRun(id, dueAt)) {
            LOG.fine(() -> "Recurring job '" + id + "': the run due at " + dueAt + " has already happened");
            return Outcome.ALREADY_RAN;
        }
        JobEntity job = enqueue(definition, "recurring job " + id);
        if (!store.recordRun(id, dueAt, job.id())) {
            // another server recorded it between our check and insert: roll our job back with the transaction
            throw new IllegalStateException("recurring job '" + id + "' ran for " + dueAt + " elsewhere meanwhile");
        }
        definition.ran(dueAt, job.id());
        if (Duration.between(due.get(), firedAt).toSeconds() > LATE_SECONDS) {
            LOG.info(() -> "Recurring job '" + id + "': late run (a catch-up after downtime) for " + dueAt.toInstant()
                    + " at " + firedAt + ", job " + job.id());
        }
        return Outcome.RAN;
    }

    private JobEntity enqueue(RecurringJobEntity definition, String by) {
        NewJob job = NewJob.of(definition.type(), definition.args()).submittedBy(by);
        return submitter.submit(List.of(job)).get(0).job();
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
