package dev.errand.job.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code errand.queue} and {@code errand.queue_event} tables of V7__queues.sql: which queues are paused, who
 * paused or resumed them, and the per-queue counts of {@code GET /api/queues}. docs/run-control.md explains the
 * locking between a pause and the claim step.
 */
@ApplicationScoped
public class QueueStore {

    /** One queue's row, or a queue with jobs and no row (never paused): {@code changedAt} null. */
    public record QueueRow(String name, boolean paused, OffsetDateTime changedAt, String changedBy) {
    }

    /** Unfinished jobs of one queue: waiting (ENQUEUED and SCHEDULED) and PROCESSING. */
    public record Counts(long depth, long running) {
    }

    /** One pause or resume. */
    public record QueueEvent(String action, OffsetDateTime at, String by, String server) {
    }

    @PersistenceContext(unitName = "errand")
    EntityManager em;

    /**
     * Which of these queues are paused, read FOR KEY SHARE: a pause or resume (which locks the row FOR UPDATE)
     * waits until this transaction, which decides on that reading, has committed.
     */
    @SuppressWarnings("unchecked")
    public Set<String> pausedAmong(Collection<String> names) {
        if (names.isEmpty()) {
            return Set.of();
        }
        List<String> list = List.copyOf(new HashSet<>(names));
        StringBuilder in = new StringBuilder();
        for (int i = 1; i <= list.size(); i++) {
            in.append(i == 1 ? "?" : ", ?").append(i);
        }
        Query query = em.createNativeQuery("SELECT name, paused FROM errand.queue WHERE name IN (" + in
                + ") ORDER BY name FOR KEY SHARE");
        for (int i = 0; i < list.size(); i++) {
            query.setParameter(i + 1, list.get(i));
        }
        Set<String> paused = new HashSet<>();
        for (Object[] row : (List<Object[]>) query.getResultList()) {
            if (Boolean.TRUE.equals(row[1])) {
                paused.add((String) row[0]);
            }
        }
        return paused;
    }

    /**
     * Sets the flag under the row's lock and records who did it; returns whether it changed. Locking FOR UPDATE
     * waits for the claims that read the old value FOR KEY SHARE.
     */
    @Transactional
    public boolean setPaused(String name, boolean paused, String by, String server, OffsetDateTime now) {
        em.createNativeQuery("INSERT INTO errand.queue (name, paused, updated_at, updated_by) VALUES (?1, false, ?2, ?3)"
                        + " ON CONFLICT (name) DO NOTHING")
                .setParameter(1, name).setParameter(2, now).setParameter(3, by).executeUpdate();
        Object was = em.createNativeQuery("SELECT paused FROM errand.queue WHERE name = ?1 FOR UPDATE")
                .setParameter(1, name).getSingleResult();
        if (Boolean.valueOf(paused).equals(was)) {
            return false;
        }
        em.createNativeQuery("UPDATE errand.queue SET paused = ?2, updated_at = ?3, updated_by = ?4 WHERE name = ?1")
                .setParameter(1, name).setParameter(2, paused).setParameter(3, now).setParameter(4, by)
                .executeUpdate();
        em.createNativeQuery("INSERT INTO errand.queue_event (queue, action, at, by_whom, server_id)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, name).setParameter(2, paused ? "PAUSED" : "RESUMED").setParameter(3, now)
                .setParameter(4, by).setParameter(5, server)
                .executeUpdate();
        return true;
    }

    /**
     * Every queue that has jobs (a loose index scan of job_queue_id: one probe per distinct name, not a scan of
     * the jobs) or a row, by name.
     */
    @SuppressWarnings("unchecked")
    public List<QueueRow> all() {
        Map<String, QueueRow> queues = new TreeMap<>();
        List<String> withJobs = em.createNativeQuery("WITH RECURSIVE q(name) AS ("
                + " (SELECT queue FROM errand.job ORDER BY queue LIMIT 1)"
                + " UNION ALL SELECT (SELECT j.queue FROM errand.job j WHERE j.queue > q.name ORDER BY j.queue LIMIT 1)"
                + " FROM q WHERE q.name IS NOT NULL) SELECT name FROM q WHERE name IS NOT NULL").getResultList();
        withJobs.forEach(name -> queues.put(name, new QueueRow(name, false, null, null)));
        for (Object[] row : (List<Object[]>) em.createNativeQuery(
                "SELECT name, paused, updated_at, updated_by FROM errand.queue").getResultList()) {
            queues.put((String) row[0], row(row));
        }
        return new ArrayList<>(queues.values());
    }

    /** The queue's row, or one for a queue that was never paused. */
    @SuppressWarnings("unchecked")
    public QueueRow find(String name) {
        List<Object[]> rows = em.createNativeQuery("SELECT name, paused, updated_at, updated_by FROM errand.queue"
                + " WHERE name = ?1").setParameter(1, name).getResultList();
        return rows.isEmpty() ? new QueueRow(name, false, null, null) : row(rows.get(0));
    }

    /** Unfinished jobs per queue and state: an index-only scan of job_queue_unfinished (V7). */
    @SuppressWarnings("unchecked")
    public Map<String, Counts> counts() {
        Map<String, long[]> sums = new TreeMap<>();
        for (Object[] row : (List<Object[]>) em.createNativeQuery("SELECT queue, state = 'PROCESSING', COUNT(*)"
                + " FROM errand.job WHERE state IN ('ENQUEUED', 'SCHEDULED', 'PROCESSING') GROUP BY 1, 2")
                .getResultList()) {
            long[] sum = sums.computeIfAbsent((String) row[0], q -> new long[2]);
            sum[Boolean.TRUE.equals(row[1]) ? 1 : 0] += ((Number) row[2]).longValue();
        }
        Map<String, Counts> counts = new TreeMap<>();
        sums.forEach((queue, sum) -> counts.put(queue, new Counts(sum[0], sum[1])));
        return counts;
    }

    /** The latest pauses and resumes of a queue, newest first. */
    @SuppressWarnings("unchecked")
    public List<QueueEvent> events(String name, int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT action, at, by_whom, server_id FROM errand.queue_event"
                        + " WHERE queue = ?1 ORDER BY id DESC LIMIT ?2")
                .setParameter(1, name).setParameter(2, limit).getResultList();
        return rows.stream().map(r -> new QueueEvent((String) r[0], timestamp(r[1]), (String) r[2], (String) r[3]))
                .toList();
    }

    /**
     * Ids of the queue's jobs that a pause held: ENQUEUED, or SCHEDULED and due by {@code now}, after
     * {@code afterId}, in id order (job_queue_unfinished), skipping rows another transaction holds: a claim holding
     * one decided after the resume committed, so it starts the job itself.
     */
    @SuppressWarnings("unchecked")
    public List<Long> heldIds(String queue, OffsetDateTime now, long afterId, int limit) {
        // "state IN" lets the planner use job_queue_unfinished; without it, ORDER BY id LIMIT walked the primary key
        // through every finished job (EXPLAIN in docs/run-control.md).
        List<Number> ids = em.createNativeQuery("SELECT id FROM errand.job WHERE queue = ?1 AND id > ?2"
                        + " AND state IN ('ENQUEUED', 'SCHEDULED') AND (state = 'ENQUEUED' OR scheduled_at <= ?3)"
                        + " ORDER BY id LIMIT ?4 FOR UPDATE SKIP LOCKED")
                .setParameter(1, queue).setParameter(2, afterId).setParameter(3, now).setParameter(4, limit)
                .getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    private static QueueRow row(Object[] r) {
        return new QueueRow((String) r[0], Boolean.TRUE.equals(r[1]), timestamp(r[2]), (String) r[3]);
    }

    private static OffsetDateTime timestamp(Object value) {
        if (value instanceof OffsetDateTime at) {
            return at;
        }
        if (value instanceof java.sql.Timestamp at) {
            return at.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        return value == null ? null : OffsetDateTime.parse(value.toString());
    }
}
