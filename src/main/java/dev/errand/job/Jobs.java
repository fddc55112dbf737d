package dev.errand.job;

import dev.errand.job.engine.GroupCommit;
import dev.errand.job.engine.HandlerRegistry;
import dev.errand.job.engine.JobArguments;
import dev.errand.job.engine.JobSubmitter;
import dev.errand.job.recurring.RecurringJobs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The Java API for creating jobs. Calls join the caller's transaction when there is one, so a job can be
 * created atomically with the business data it belongs to (a user and their welcome mail).
 *
 * <pre>{@code
 * @Inject Jobs jobs;
 * long id = jobs.enqueue(WelcomeEmail.class, new WelcomeEmail.Args(userId));
 * jobs.schedule(Reminder.class, new Reminder.Args(userId, text), Duration.ofHours(24));
 * jobs.recurring("nightly-cleanup", Cleanup.class, new Cleanup.Args(), "0 3 * * *", ZoneId.of("Europe/Berlin"));
 * }</pre>
 */
@ApplicationScoped
public class Jobs {

    @Inject
    JobSubmitter submitter;

    @Inject
    GroupCommit groupCommit;

    @Inject
    JobArguments arguments;

    @Inject
    RecurringJobs recurringJobs;

    /** Runs the job as soon as a worker is free; returns its id. */
    public <A> long enqueue(Class<? extends JobHandler<A>> handler, A args) {
        return submit(job(handler, args));
    }

    /** Runs the job after {@code delay}. */
    public <A> long schedule(Class<? extends JobHandler<A>> handler, A args, Duration delay) {
        return submit(job(handler, args).runAt(Instant.now().plus(delay)));
    }

    /** Runs the job at {@code at}. */
    public <A> long schedule(Class<? extends JobHandler<A>> handler, A args, Instant at) {
        return submit(job(handler, args).runAt(at));
    }

    /** Creates one job described by type name and JSON arguments. */
    public long submit(NewJob job) {
        return groupCommit.submit(job).job().id();
    }

    /** Creates all the jobs or none. */
    public List<Long> submitAll(List<NewJob> jobs) {
        return submitter.submit(jobs).stream().map(s -> s.job().id()).toList();
    }

    /**
     * Adds or updates the recurring job {@code id}: the job is enqueued whenever the Unix cron expression (5 fields,
     * 6 with a leading second, or {@code @hourly}, {@code @daily}, {@code @weekly}, {@code @monthly}, {@code @yearly}) is due in
     * {@code zone}. Idempotent; a changed schedule replaces the old one.
     *
     * @throws dev.errand.job.recurring.InvalidScheduleException for a bad cron expression
     */
    public <A> void recurring(String id, Class<? extends JobHandler<A>> handler, A args, String cron, ZoneId zone) {
        recurringJobs.define(id, HandlerRegistry.typeName(handler), arguments.write(args), cron,
                zone == null ? null : zone.getId());
    }

    /** Removes the recurring job {@code id}; jobs it already enqueued stay. @return false if there was none */
    public boolean removeRecurring(String id) {
        return recurringJobs.remove(id);
    }

    private <A> NewJob job(Class<? extends JobHandler<A>> handler, A args) {
        return NewJob.of(HandlerRegistry.typeName(handler), arguments.write(args));
    }
}
