package dev.errand.job.facade;

import dev.errand.job.JobsStarted;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/**
 * Announces {@link JobsStarted} at every start, after the schema migration and the reconciliation of the
 * recurring-job timers, so an application's recurring jobs are defined against timers that are already in order.
 * A start-up bean of its own: an observer calls back into the timers, which must have finished starting.
 */
@Singleton
@Startup
@DependsOn("RecurringTimers")
public class JobsStartup {

    @Inject
    Event<JobsStarted> started;

    @PostConstruct
    void announce() {
        started.fire(new JobsStarted());
    }
}
