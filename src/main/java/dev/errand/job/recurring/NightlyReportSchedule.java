package dev.errand.job.recurring;

import dev.errand.platform.Config;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.ZoneId;

/**
 * The nightly report, a recurring job defined at every start (id {@code nightly-report}, type
 * {@code report.nightly}, 02:00 in {@code ERRAND_REPORT_ZONE}), so it has the same persistent timer,
 * catch-up and at-most-once guarantees as any recurring job, and a changed zone takes effect at the next start.
 * A programmatic timer because an {@code @Schedule}'s zone cannot come from configuration portably.
 */
@Singleton
@Startup
@DependsOn("RecurringTimers")
public class NightlyReportSchedule {

    public static final String ID = "nightly-report";
    public static final String TYPE = "report.nightly";
    public static final String CRON = "0 2 * * *";

    @Inject
    RecurringJobs recurring;

    @PostConstruct
    void define() {
        recurring.define(ID, TYPE, "{}", CRON, zone().getId());
    }

    /** {@code ERRAND_REPORT_ZONE}, default UTC: the zone of 02:00 and of the report's day. */
    public static ZoneId zone() {
        String zone = Config.get("REPORT_ZONE", "UTC");
        try {
            return CronSchedule.zone(zone);
        } catch (InvalidScheduleException e) {
            throw new IllegalStateException("ERRAND_REPORT_ZONE: " + e.getMessage());
        }
    }
}
