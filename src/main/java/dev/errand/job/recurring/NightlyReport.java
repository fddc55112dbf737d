package dev.errand.job.recurring;

import dev.errand.platform.Config;
import java.time.ZoneId;

/** The nightly report's recurring job: id, job type, time, and its zone {@code ERRAND_REPORT_ZONE} (UTC). */
public final class NightlyReport {

    public static final String ID = "nightly-report";
    public static final String TYPE = "report.nightly";
    public static final String CRON = "0 2 * * *";

    private NightlyReport() {
    }

    /** The zone of 02:00 and of the report's day. */
    public static ZoneId zone() {
        String zone = Config.get("REPORT_ZONE", "UTC");
        try {
            return CronSchedule.zone(zone);
        } catch (InvalidScheduleException e) {
            throw new IllegalStateException("ERRAND_REPORT_ZONE: " + e.getMessage());
        }
    }
}
