package dev.errand.job.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code errand.job_type}, {@code job_type_event} and {@code job_type_start} tables of V10__job_type_limits.sql:
 * settings of job types changed at run time, who changed them, and the starts a rate limit counts.
 * docs/run-control.md "Limits per job type" explains the locking with the claim step.
 */
@ApplicationScoped
public class JobTypeStore {

    /** A type's row; a null field is the @JobType default (timeout, maxAttempts) or no limit (concurrency, rate). */
    public record Settings(String type, Integer concurrency, Integer rateLimit, Long ratePeriodMs, Long timeoutMs,
                           Integer maxAttempts, OffsetDateTime updatedAt, String updatedBy) {

        public boolean limited() {
            return concurrency != null || rateLimit != null;
        }
    }

    /** One change of a type's settings. */
    public record Change(OffsetDateTime at, String by, String server, String settings) {
    }

    private static final String COLUMNS = "name, concurrency, rate_limit, rate_period_ms, timeout_ms, max_attempts,"
            + " updated_at, updated_by";

    @PersistenceContext(unitName = "errand")
    EntityManager em;

    /**
     * The limited types among these, locked FOR UPDATE in name order: the claim step's one extra query. Claims of a
     * limited type take turns, so each counts the running jobs and recent starts the previous one committed.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Settings> lockLimited(Collection<String> types) {
        if (types.isEmpty()) {
            return Map.of();
        }
        List<String> list = List.copyOf(new TreeSet<>(types));
        Query query = em.createNativeQuery("SELECT " + COLUMNS + " FROM errand.job_type WHERE name IN (" + in(list.size())
                + ") AND (concurrency IS NOT NULL OR rate_limit IS NOT NULL) ORDER BY name FOR UPDATE");
        for (int i = 0; i < list.size(); i++) {
            query.setParameter(i + 1, list.get(i));
        }
        Map<String, Settings> limited = new HashMap<>();
        for (Object[] row : (List<Object[]>) query.getResultList()) {
            Settings settings = settings(row);
            limited.put(settings.type(), settings);
        }
        return limited;
    }

    /** Jobs of the type PROCESSING now, on any node (job_type_state_id). */
    public long running(String type) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM errand.job WHERE type = ?1 AND state = 'PROCESSING'")
                .setParameter(1, type).getSingleResult()).longValue();
    }

    /** Starts of the type after {@code since}, oldest first; older ones are deleted (they count no more). */
    @SuppressWarnings("unchecked")
    public List<OffsetDateTime> startsSince(String type, OffsetDateTime since) {
        em.createNativeQuery("DELETE FROM errand.job_type_start WHERE type = ?1 AND started_at <= ?2")
                .setParameter(1, type).setParameter(2, since).executeUpdate();
        List<Object> rows = em.createNativeQuery("SELECT started_at FROM errand.job_type_start WHERE type = ?1"
                + " ORDER BY started_at").setParameter(1, type).getResultList();
        return rows.stream().map(JobTypeStore::timestamp).toList();
    }

    public void recordStart(String type, OffsetDateTime at) {
        em.createNativeQuery("INSERT INTO errand.job_type_start (type, started_at) VALUES (?1, ?2)")
                .setParameter(1, type).setParameter(2, at).executeUpdate();
    }

    /**
     * Ids of the type's jobs due to start (ENQUEUED, or a SCHEDULED retry that fell due), oldest first
     * (job_type_state_id), skipping rows a claim holds: a limit held them, or their message is still on its way
     * (then the new message makes that one stale). A job a rate limit deferred is due again only at its time.
     */
    @SuppressWarnings("unchecked")
    public List<Long> waitingIds(String type, OffsetDateTime now, int limit) {
        List<Number> ids = em.createNativeQuery("SELECT id FROM errand.job WHERE type = ?1"
                        + " AND state IN ('ENQUEUED', 'SCHEDULED') AND (scheduled_at IS NULL OR scheduled_at <= ?2)"
                        + " ORDER BY id LIMIT ?3 FOR UPDATE SKIP LOCKED")
                .setParameter(1, type).setParameter(2, now).setParameter(3, limit).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    @SuppressWarnings("unchecked")
    public Optional<Settings> find(String type) {
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM errand.job_type WHERE name = ?1")
                .setParameter(1, type).getResultList();
        return rows.stream().findFirst().map(JobTypeStore::settings);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Settings> all() {
        Map<String, Settings> all = new TreeMap<>();
        for (Object[] row : (List<Object[]>) em.createNativeQuery("SELECT " + COLUMNS + " FROM errand.job_type")
                .getResultList()) {
            Settings settings = settings(row);
            all.put(settings.type(), settings);
        }
        return all;
    }

    /** Jobs per type and state (an index-only scan of job_type_state_id). */
    @SuppressWarnings("unchecked")
    public Map<String, Map<String, Long>> counts() {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        for (Object[] row : (List<Object[]>) em.createNativeQuery("SELECT type, state, COUNT(*) FROM errand.job"
                + " GROUP BY 1, 2").getResultList()) {
            counts.computeIfAbsent((String) row[0], t -> new TreeMap<>()).put((String) row[1], ((Number) row[2]).longValue());
        }
        return counts;
    }

    /** Replaces the type's settings and records the change. */
    @Transactional
    public void save(Settings s, String server, String described) {
        em.createNativeQuery("INSERT INTO errand.job_type (" + COLUMNS + ") VALUES (?1, CAST(?2 AS integer),"
                        + " CAST(?3 AS integer), CAST(?4 AS bigint), CAST(?5 AS bigint), CAST(?6 AS integer), ?7, ?8)"
                        // the casts type a null parameter, which the driver would otherwise send as text
                        + " ON CONFLICT (name) DO UPDATE SET concurrency = EXCLUDED.concurrency,"
                        + " rate_limit = EXCLUDED.rate_limit, rate_period_ms = EXCLUDED.rate_period_ms,"
                        + " timeout_ms = EXCLUDED.timeout_ms, max_attempts = EXCLUDED.max_attempts,"
                        + " updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by")
                .setParameter(1, s.type()).setParameter(2, s.concurrency()).setParameter(3, s.rateLimit())
                .setParameter(4, s.ratePeriodMs()).setParameter(5, s.timeoutMs()).setParameter(6, s.maxAttempts())
                .setParameter(7, s.updatedAt()).setParameter(8, s.updatedBy()).executeUpdate();
        em.createNativeQuery("INSERT INTO errand.job_type_event (type, at, by_whom, server_id, settings)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, s.type()).setParameter(2, s.updatedAt()).setParameter(3, s.updatedBy())
                .setParameter(4, server).setParameter(5, described).executeUpdate();
    }

    /** The latest changes of a type, newest first. */
    @SuppressWarnings("unchecked")
    public List<Change> changes(String type, int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT at, by_whom, server_id, settings FROM errand.job_type_event"
                        + " WHERE type = ?1 ORDER BY id DESC LIMIT ?2")
                .setParameter(1, type).setParameter(2, limit).getResultList();
        return rows.stream().map(r -> new Change(timestamp(r[0]), (String) r[1], (String) r[2], (String) r[3])).toList();
    }

    private static Settings settings(Object[] r) {
        return new Settings((String) r[0], integer(r[1]), integer(r[2]), longValue(r[3]), longValue(r[4]),
                integer(r[5]), timestamp(r[6]), (String) r[7]);
    }

    private static String in(int n) {
        StringBuilder in = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            in.append(i == 1 ? "?" : ", ?").append(i);
        }
        return in.toString();
    }

    private static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    private static Long longValue(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    private static OffsetDateTime timestamp(Object value) {
        if (value instanceof OffsetDateTime at) {
            return at;
        }
        if (value instanceof java.sql.Timestamp at) {
            return at.toInstant().atOffset(ZoneOffset.UTC);
        }
        return value == null ? null : OffsetDateTime.parse(value.toString());
    }
}
