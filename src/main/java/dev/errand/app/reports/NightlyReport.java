package dev.errand.app.reports;

import dev.errand.job.JobContext;
import dev.errand.job.JobHandler;
import dev.errand.job.JobType;
import dev.errand.platform.Config;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.logging.Logger;

/**
 * {@code report.nightly}: builds and stores the report of one day, by default yesterday in
 * {@code ERRAND_REPORT_ZONE} (UTC unless set); {@code {"date": "2030-01-31"}} builds another day. Running it again
 * for a day replaces that day's report.
 */
@ApplicationScoped
@JobType(value = "report.nightly", submitters = "admin")
public class NightlyReport implements JobHandler<NightlyReport.Args> {

    private static final Logger LOG = Logger.getLogger(NightlyReport.class.getName());

    /** @param date the day to report on; absent means yesterday */
    public record Args(LocalDate date) {
    }

    @Inject
    ReportBuilder builder;

    @Inject
    Reports reports;

    @Override
    public void run(Args args, JobContext context) {
        ZoneId zone = zone();
        LocalDate date = args != null && args.date() != null ? args.date() : LocalDate.now(zone).minusDays(1);
        JsonObject report = builder.build(date, zone);
        reports.store(date, zone.getId(), report);
        LOG.info(() -> "Report of " + date + " (" + zone + ") stored: " + report.getJsonNumber("signups")
                + " sign-ups, " + report.getJsonArray("jobs").size() + " job type/state groups");
    }

    static ZoneId zone() {
        String id = Config.get("REPORT_ZONE", "UTC");
        try {
            return ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            throw new dev.errand.job.PermanentJobFailure("ERRAND_REPORT_ZONE must be a time zone such as Europe/Paris, not '" + id + "'");
        }
    }
}
