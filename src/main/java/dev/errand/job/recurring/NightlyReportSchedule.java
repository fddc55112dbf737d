package dev.errand.job.recurring;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * Defines the nightly report at every start as the recurring job {@code nightly-report} (type
 * {@code report.nightly}, 02:00 in {@code ERRAND_REPORT_ZONE}), so it has the persistent timer, catch-up and
 * at-most-once guarantees of any recurring job, and a changed zone takes effect at the next start. A
 * programmatic timer, not {@code @Schedule}, because an annotation's zone cannot come from configuration portably.
 */
@Singleton
@Startup
@DependsOn("RecurringTimers")
public class NightlyReportSchedule {

    @Inject
    RecurringJobs recurring;

    @PostConstruct
    void define() {
        recurring.define(NightlyReport.ID, NightlyReport.TYPE, "{}", NightlyReport.CRON, NightlyReport.zone().getId());
    }
}
