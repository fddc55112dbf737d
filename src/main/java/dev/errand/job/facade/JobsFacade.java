package dev.errand.job.facade;

import dev.errand.job.JobHandler;
import dev.errand.job.JobView;
import dev.errand.job.Jobs;
import dev.errand.job.NewJob;
import dev.errand.job.engine.GroupCommit;
import dev.errand.job.engine.HandlerRegistry;
import dev.errand.job.engine.JobArguments;
import dev.errand.job.engine.JobSubmitter;
import dev.errand.job.recurring.RecurringJobs;
import dev.errand.job.store.JobStore;
import dev.errand.job.store.JobViews;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** {@link Jobs} on the engine: what the public API promises, done by the engine's parts. */
@ApplicationScoped
public class JobsFacade implements Jobs {

    @Inject
    JobSubmitter submitter;

    @Inject
    GroupCommit groupCommit;

    @Inject
    JobArguments arguments;

    @Inject
    RecurringJobs recurringJobs;

    @Inject
    JobStore store;

    @Override
    public <A> long enqueue(Class<? extends JobHandler<A>> handler, A args) {
        return submit(job(handler, args));
    }

    @Override
    public <A> long enqueueAfter(List<Long> parents, Class<? extends JobHandler<A>> handler, A args) {
        return submit(job(handler, args).after(parents));
    }

    @Override
    public <A> long schedule(Class<? extends JobHandler<A>> handler, A args, Duration delay) {
        return submit(job(handler, args).runAt(Instant.now().plus(delay)));
    }

    @Override
    public <A> long schedule(Class<? extends JobHandler<A>> handler, A args, Instant at) {
        return submit(job(handler, args).runAt(at));
    }

    @Override
    public long submit(NewJob job) {
        return groupCommit.submit(job).job().id();
    }

    @Override
    public List<Long> submitAll(List<NewJob> jobs) {
        return submitter.submit(jobs).stream().map(s -> s.job().id()).toList();
    }

    @Override
    public <A> void recurring(String id, Class<? extends JobHandler<A>> handler, A args, String cron, ZoneId zone) {
        recurringJobs.define(id, HandlerRegistry.typeName(handler), arguments.write(args), cron,
                zone == null ? null : zone.getId());
    }

    @Override
    public boolean removeRecurring(String id) {
        return recurringJobs.remove(id);
    }

    @Override
    public Optional<JobView> find(long id) {
        return store.find(id).map(job -> JobViews.of(job, null));
    }

    private <A> NewJob job(Class<? extends JobHandler<A>> handler, A args) {
        return NewJob.of(HandlerRegistry.typeName(handler), arguments.write(args));
    }
}
