package dev.errand.job;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The Java API for creating jobs. Calls join the caller's transaction when there is one, so a job can be
 * created atomically with the business data it belongs to (a user and their welcome mail).
 *
 * <pre>{@code
 * @Inject Jobs jobs;
 * long id = jobs.enqueue(WelcomeEmail.class, new WelcomeEmail.Args(userId));
 * jobs.schedule(Reminder.class, new Reminder.Args(userId, text), Duration.ofHours(24));
 * jobs.enqueueAfter(List.of(id), Audit.class, new Audit.Args(userId));     // once the welcome mail succeeded
 *
 * // recurring jobs are defined once Errand has started:
 * void define(@Observes JobsStarted started) {
 *     jobs.recurring("nightly-cleanup", Cleanup.class, new Cleanup.Args(), "0 3 * * *", ZoneId.of("Europe/Berlin"));
 * }
 * }</pre>
 */
public interface Jobs {

    /** Runs the job as soon as a worker is free; returns its id. */
    <A> long enqueue(Class<? extends JobHandler<A>> handler, A args);

    /**
     * A continuation: runs the job once every parent has SUCCEEDED; it ends DELETED if one ends FAILED or DELETED
     * (docs/workflows.md). For {@code afterAny} or other options, {@link #submit} a {@link NewJob#after}.
     */
    <A> long enqueueAfter(List<Long> parents, Class<? extends JobHandler<A>> handler, A args);

    /** Runs the job after {@code delay}. */
    <A> long schedule(Class<? extends JobHandler<A>> handler, A args, Duration delay);

    /** Runs the job at {@code at}. */
    <A> long schedule(Class<? extends JobHandler<A>> handler, A args, Instant at);

    /** Creates one job described by type name and JSON arguments. */
    long submit(NewJob job);

    /** Creates all the jobs or none. */
    List<Long> submitAll(List<NewJob> jobs);

    /** The job as it is now (in the caller's transaction, a job it just created too); empty if there is none. */
    Optional<JobView> find(long id);

    /**
     * Adds or updates the recurring job {@code id}: the job is enqueued whenever the Unix cron expression (5 fields,
     * 6 with a leading second, or {@code @hourly}, {@code @daily}, {@code @weekly}, {@code @monthly}, {@code @yearly})
     * is due in {@code zone}. Idempotent by {@code id}: defining it again at every start keeps its one timer, and a
     * changed schedule replaces the old one.
     *
     * @throws InvalidScheduleException for a bad cron expression
     */
    <A> void recurring(String id, Class<? extends JobHandler<A>> handler, A args, String cron, ZoneId zone);

    /** Removes the recurring job {@code id}; jobs it already enqueued stay. @return false if there was none */
    boolean removeRecurring(String id);
}
