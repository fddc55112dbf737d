package dev.errand.job.recurring;

import dev.errand.job.JobContext;
import dev.errand.job.JobHandler;
import dev.errand.job.JobType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * PLACEHOLDER for the demo app's nightly report: counts the jobs that succeeded and failed on a day (by default
 * yesterday in {@code ERRAND_REPORT_ZONE}) into {@code errand.nightly_job_summary}. The demo app replaces it:
 * delete this class and give its own handler the same {@code @JobType("report.nightly")}; the recurring job
 * {@code nightly-report} (see {@link NightlyReportSchedule}) then runs that one.
 */
@ApplicationScoped
@JobType(NightlyReport.TYPE)
public class PlaceholderNightlyReport implements JobHandler<PlaceholderNightlyReport.Args> {

    /** @param date the day to count; absent means yesterday */
    public record Args(LocalDate date) {
    }

    @PersistenceContext(unitName = "errand")
    EntityManager em;

    @Override
    public void run(Args args, JobContext context) {
        ZoneId zone = NightlyReport.zone();
        LocalDate day = args != null && args.date() != null ? args.date() : LocalDate.now(zone).minusDays(1);
        OffsetDateTime from = day.atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime to = day.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        em.createNativeQuery("INSERT INTO errand.nightly_job_summary (report_date, time_zone, succeeded, failed, created_at)"
                        + " SELECT ?1, ?2,"
                        + " COUNT(*) FILTER (WHERE state = 'SUCCEEDED'), COUNT(*) FILTER (WHERE state = 'FAILED'), ?5"
                        + " FROM errand.job WHERE state IN ('SUCCEEDED', 'FAILED') AND finished_at >= ?3 AND finished_at < ?4"
                        + " ON CONFLICT (report_date) DO UPDATE SET time_zone = EXCLUDED.time_zone,"
                        + " succeeded = EXCLUDED.succeeded, failed = EXCLUDED.failed, created_at = EXCLUDED.created_at")
                .setParameter(1, day)
                .setParameter(2, zone.getId())
                .setParameter(3, from)
                .setParameter(4, to)
                .setParameter(5, OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate();
    }
}
