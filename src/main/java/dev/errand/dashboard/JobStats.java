package dev.errand.dashboard;

import dev.errand.job.JobState;
import dev.errand.job.store.JobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dashboard's numbers, read from the counters that V4__dashboard.sql keeps (base rows + pending deltas, one
 * statement so one snapshot; see JobStore#countByState), never by counting job rows.
 */
@ApplicationScoped
public class JobStats {

    @PersistenceContext(unitName = "errand")
    EntityManager em;

    /** One changed job, as a history event told it. */
    public record Change(long eventId, long jobId, String state, Instant at) {
    }

    /** Finished jobs in one hour. */
    public record Bucket(Instant hour, long succeeded, long failed) {
    }

    @Inject
    JobStore store;

    public Map<JobState, Long> countByState() {
        return store.countByState();
    }

    public static Map<String, Long> named(Map<JobState, Long> counts) {
        Map<String, Long> named = new LinkedHashMap<>();
        counts.forEach((state, n) -> named.put(state.name().toLowerCase(Locale.ROOT), n));
        return named;
    }

    /** Finished jobs per hour since {@code since} (whole hours, oldest first; hours without jobs are left out). */
    public List<Bucket> finishedPerHour(Instant since) {
        List<?> rows = em.createNativeQuery("SELECT hour, SUM(CASE WHEN state = 'SUCCEEDED' THEN n ELSE 0 END),"
                        + " SUM(CASE WHEN state = 'FAILED' THEN n ELSE 0 END) FROM (SELECT hour, state, n FROM"
                        + " errand.job_finished_hour WHERE hour >= ?1 UNION ALL SELECT hour, state, n FROM"
                        + " errand.job_finished_delta WHERE hour >= ?1) f GROUP BY hour ORDER BY hour")
                .setParameter(1, since.atOffset(ZoneOffset.UTC))
                .getResultList();
        List<Bucket> buckets = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            buckets.add(new Bucket(instant(r[0]), ((Number) r[1]).longValue(), ((Number) r[2]).longValue()));
        }
        return buckets;
    }

    /** Folds the committed counter deltas into the base rows (see V4__dashboard.sql, V8__job_metrics.sql). */
    @Transactional
    public void rollup() {
        em.createNativeQuery("SELECT errand.job_stats_rollup(), errand.job_metrics_rollup()").getSingleResult();
    }

    /**
     * History events stamped after {@code since}, oldest first. Event ids come from per-server blocks of a
     * sequence, so they are not in commit order (nor in time order across servers): the time is the cursor.
     */
    public List<Change> changesSince(Instant since, int limit) {
        List<?> rows = em.createNativeQuery("SELECT id, job_id, state, at FROM errand.job_event WHERE at > ?1"
                        + " ORDER BY at, id LIMIT ?2")
                .setParameter(1, since.atOffset(ZoneOffset.UTC))
                .setParameter(2, limit)
                .getResultList();
        List<Change> changes = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            changes.add(new Change(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (String) r[2], instant(r[3])));
        }
        return changes;
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        throw new IllegalStateException("not a time: " + value);
    }
}
