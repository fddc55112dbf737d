package dev.errand.app.reports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Builds a day's report from the tables: sign-ups, jobs finished that day by type and final state, failed
 * attempts by type, run times (p50/p95 of the last attempt, in milliseconds, computed by PostgreSQL).
 * The day is a calendar day of {@code zone}; every query is served by an index.
 */
@ApplicationScoped
public class ReportBuilder {

    private static final String RUN_MS = "extract(epoch FROM finished_at - started_at) * 1000";
    private static final String IN_DAY = " >= CAST(?1 AS timestamptz) AND %s < CAST(?2 AS timestamptz)";

    @PersistenceContext(unitName = "errand")
    EntityManager em;

    public JsonObject build(LocalDate date, ZoneId zone) {
        Instant from = date.atStartOfDay(zone).toInstant();
        Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
        long signups = ((Number) query("SELECT count(*) FROM errand.users WHERE created_at" + day("created_at"), from, to)
                .get(0)).longValue();

        JsonArrayBuilder jobs = Json.createArrayBuilder();
        for (Object o : query("SELECT type, state, count(*), "
                + "percentile_cont(0.5) WITHIN GROUP (ORDER BY " + RUN_MS + "), "
                + "percentile_cont(0.95) WITHIN GROUP (ORDER BY " + RUN_MS + ") "
                + "FROM errand.job WHERE state IN ('SUCCEEDED', 'FAILED', 'DELETED') AND finished_at" + day("finished_at")
                + " GROUP BY type, state ORDER BY type, state", from, to)) {
            Object[] row = (Object[]) o;
            jobs.add(runTimes(Json.createObjectBuilder().add("type", (String) row[0]).add("state", (String) row[1])
                    .add("count", ((Number) row[2]).longValue()), row[3], row[4]));
        }

        JsonArrayBuilder failures = Json.createArrayBuilder();
        for (Object o : query("SELECT j.type, count(*) FROM errand.job_event e JOIN errand.job j ON j.id = e.job_id "
                + "WHERE (e.exception IS NOT NULL OR e.state = 'FAILED') AND e.at" + day("e.at")
                + " GROUP BY j.type ORDER BY j.type", from, to)) {
            Object[] row = (Object[]) o;
            failures.add(Json.createObjectBuilder().add("type", (String) row[0]).add("count", ((Number) row[1]).longValue()));
        }

        Object[] overall = (Object[]) query("SELECT count(*), "
                + "percentile_cont(0.5) WITHIN GROUP (ORDER BY " + RUN_MS + "), "
                + "percentile_cont(0.95) WITHIN GROUP (ORDER BY " + RUN_MS + ") "
                + "FROM errand.job WHERE state IN ('SUCCEEDED', 'FAILED') AND started_at IS NOT NULL "
                + "AND finished_at" + day("finished_at"), from, to).get(0);

        return Json.createObjectBuilder()
                .add("date", date.toString())
                .add("zone", zone.getId())
                .add("from", from.toString())
                .add("to", to.toString())
                .add("generatedAt", Instant.now().toString())
                .add("signups", signups)
                .add("jobs", jobs)
                .add("failures", failures)
                .add("runTimeMs", runTimes(Json.createObjectBuilder().add("count", ((Number) overall[0]).longValue()),
                        overall[1], overall[2]))
                .build();
    }

    private static String day(String column) {
        return String.format(IN_DAY, column);
    }

    private List<?> query(String sql, Instant from, Instant to) {
        return em.createNativeQuery(sql).setParameter(1, from.toString()).setParameter(2, to.toString()).getResultList();
    }

    /** p50/p95 rounded to 0.1 ms; null when nothing ran (a day without jobs, jobs deleted before they started). */
    private static JsonObjectBuilder runTimes(JsonObjectBuilder json, Object p50, Object p95) {
        return addMillis(addMillis(json, "p50", p50), "p95", p95);
    }

    private static JsonObjectBuilder addMillis(JsonObjectBuilder json, String name, Object value) {
        if (value == null) {
            return json.addNull(name);
        }
        return json.add(name, Math.round(((Number) value).doubleValue() * 10) / 10.0);
    }
}
