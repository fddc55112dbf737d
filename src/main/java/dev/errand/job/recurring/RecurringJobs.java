package dev.errand.job.recurring;

import dev.errand.job.InvalidJobException;
import dev.errand.job.NewJob;
import dev.errand.job.engine.HandlerRegistry;
import dev.errand.job.engine.JobArguments;
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
 * Defines, removes, triggers and runs recurring jobs. A run enqueues an ordinary job; at most one run per
 * definition and due instant (the {@code recurring_run} primary key), whatever the timers do.
 */
@ApplicationScoped
public class RecurringJobs {

    private static final Logger LOG = Logger.getLogger(RecurringJobs.class.getName());

    /** How long after its due instant a timer may fire and still count for that instant (a late or early wake-up). */
    private static final long FIRE_TOLERANCE_SECONDS = 2;

    /** A run this late is a catch-up (a timer fired at start for a time the server was down). */
    private static final long LATE_SECONDS = 10;

    public enum Outcome { RAN, ALREADY_RAN, NOTHING_DUE, UNDEFINED }

    public record Defined(RecurringJobEntity job, boolean created) {
    }

    @Inject
    RecurringJobStore store;

    @Inject
    RecurringTimers timers;

    @Inject
    HandlerRegistry registry;

    @Inject
    JobArguments arguments;

    @Inject
    JobSubmitter submitter;

    /** Adds or updates a definition; its timer is replaced when the schedule changed (or had no timer). */
    @Transactional
    public Defined define(String id, String type, String args, String cron, String zone) {
        checkId(id);
        CronSchedule schedule = CronSchedule.parse(cron, zone);
        if (type == null || type.isBlank()) {
            throw new InvalidJobException("type", "type is required");
        }
        HandlerRegistry.Registration registration = registry.find(type)
                .orElseThrow(() -> new InvalidJobException("type", "unknown job type '" + type + "'; known types: "
                        + String.join(", ", registry.all().keySet())));
        String json = args == null || args.isBlank() ? "{}" : args;
        arguments.read(registration.argsType(), json);
        store.lockDefinitions();
        OffsetDateTime now = now();
        Optional<RecurringJobEntity> existing = store.lock(id);
        RecurringJobEntity job = existing.orElseGet(() -> new RecurringJobEntity(id, now));
        boolean rescheduled = job.define(registration.type(), json, schedule, now);
        if (existing.isEmpty()) {
            store.persist(job);
        }
        if (rescheduled || !timers.has(id)) {
            timers.replace(id, schedule);
        }
        return new Defined(job, existing.isEmpty());
    }

    /** @return false when there was no such definition */
    @Transactional
    public boolean remove(String id) {
        store.lockDefinitions();
        Optional<RecurringJobEntity> job = store.lock(id);
        job.ifPresent(store::remove);
        timers.cancel(id);
        return job.isPresent();
    }

    public List<RecurringJobEntity> all() {
        return store.all();
    }

    public Optional<RecurringJobEntity> find(String id) {
        return store.find(id);
    }

    public long count() {
        return store.count();
    }

    /** Enqueues the job now, outside the schedule. */
    @Transactional
    public Optional<JobEntity> trigger(String id, String by) {
        Optional<RecurringJobEntity> found = store.lock(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RecurringJobEntity definition = found.get();
        String submitter = "recurring job " + id + (by == null ? "" : ", triggered by " + by);
        JobEntity job = enqueue(definition, submitter.length() > 200 ? submitter.substring(0, 200) : submitter);
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

    /** The next instant the definition is due, as its timer will fire for it. */
    public Optional<Instant> nextRun(RecurringJobEntity job) {
        return job.schedule().nextAfter(Instant.now());
    }

    private JobEntity enqueue(RecurringJobEntity definition, String by) {
        NewJob job = NewJob.of(definition.type(), definition.args()).submittedBy(by);
        return submitter.submit(List.of(job)).get(0).job();
    }

    static void checkId(String id) {
        if (id == null || id.isEmpty() || id.length() > 100 || !id.matches("[A-Za-z0-9._-]+")) {
            throw new InvalidJobException("id", "a recurring job id is 1-100 letters, digits, '.', '_' or '-'");
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
