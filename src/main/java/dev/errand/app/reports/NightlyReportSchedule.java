package dev.errand.app.reports;

import dev.errand.job.Jobs;
import dev.errand.job.JobsStarted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.ZoneId;

/**
 * Defines the nightly report at every start as the recurring job {@code nightly-report} (02:00 in
 * {@code ERRAND_REPORT_ZONE}, UTC by default), so it has the persistent timer, catch-up and at-most-once guarantees
 * of any recurring job, and a changed zone takes effect at the next start. Defining it again is idempotent: one
 * definition and one timer however many servers start how often.
 */
@ApplicationScoped
public class NightlyReportSchedule {

    public static final String ID = "nightly-report";
    public static final String CRON = "0 2 * * *";

    @Inject
    Jobs jobs;

    void define(@Observes JobsStarted started) {
        jobs.recurring(ID, NightlyReport.class, new NightlyReport.Args(null), CRON, zone());
    }

    /** A zone that is not one stops the deployment, as a wrong setting should, rather than every night's run. */
    private static ZoneId zone() {
        try {
            return NightlyReport.zone();
        } catch (RuntimeException e) {
            throw new IllegalStateException("ERRAND_REPORT_ZONE: " + e.getMessage(), e);
        }
    }
}
