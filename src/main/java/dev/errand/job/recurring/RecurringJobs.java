package dev.errand.job.recurring;

import dev.errand.job.InvalidJobException;
import dev.errand.job.engine.HandlerRegistry;
import dev.errand.job.engine.JobArguments;
import dev.errand.job.store.JobEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Defines, removes and triggers recurring jobs, keeping each definition's timer in step ({@link RecurringRuns}
 * runs them).
 */
@ApplicationScoped
public class RecurringJobs {

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
    RecurringRuns runs;

    /**
     * Adds or updates a definition. Its timer is created or replaced only here, in the transaction that inserts
     * the row or changes its schedule, under the definitions' lock: a definition found unchanged (every start
     * defines the nightly report again, on every node) never adds one, whatever this node's view of the timer
     * store shows (docs/nodes.md).
     */
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
        OffsetDateTime now = RecurringRuns.now();
        Optional<RecurringJobEntity> existing = store.lock(id);
        RecurringJobEntity job = existing.orElseGet(() -> new RecurringJobEntity(id, now));
        boolean rescheduled = job.define(registration.type(), json, schedule, now);
        if (existing.isEmpty()) {
            store.persist(job);
        }
        if (existing.isEmpty() || rescheduled) {
            timers.replace(id, schedule);
            job.timerSet(now);
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
    public Optional<JobEntity> trigger(String id, String by) {
        return runs.trigger(id, by);
    }

    /** The next instant the definition is due, as its timer will fire for it. */
    public Optional<Instant> nextRun(RecurringJobEntity job) {
        return job.schedule().nextAfter(Instant.now());
    }

    static void checkId(String id) {
        if (id == null || id.isEmpty() || id.length() > 100 || !id.matches("[A-Za-z0-9._-]+")) {
            throw new InvalidJobException("id", "a recurring job id is 1-100 letters, digits, '.', '_' or '-'");
        }
    }
}
