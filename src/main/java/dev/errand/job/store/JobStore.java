package dev.errand.job.store;

import dev.errand.job.JobState;
import dev.errand.job.store.JobTransitions.Trigger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads and writes job rows. Every query here is served by an index of V1__jobs.sql (or V6, V7). */
@ApplicationScoped
public class JobStore {

    @PersistenceContext(unitName = "errand")
    EntityManager em;

    /** A page of a job list: newest first, filtered; {@code next} is the cursor of the following page. */
    public record Page(List<JobEntity> items, Long next) {
    }

    public record Filter(JobState state, String type, String queue, String submittedBy) {
    }

    public void persist(JobEntity job) {
        em.persist(job);
    }

    /** Writes pending entity changes, so that a native count in this transaction sees them. */
    public void flush() {
        em.flush();
    }

    public void record(JobEventEntity event) {
        em.persist(event);
    }

    public Optional<JobEntity> find(long id) {
        return Optional.ofNullable(em.find(JobEntity.class, id));
    }

    /** Locks the rows for the rest of the transaction, in id order so that two lockers never deadlock. */
    public List<JobEntity> lock(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT j FROM JobEntity j WHERE j.id IN :ids ORDER BY j.id", JobEntity.class)
                .setParameter("ids", ids)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    /**
     * The claim, as one statement, of the jobs of a chunk that {@link CommonTransitions} left and the lifecycle
     * decided to start: their next attempt starts here and now. A statement per chunk instead of one per job also
     * fires the counters' statement trigger (V4) once per chunk. The caller
     * holds the rows' locks ({@link #lock(Collection)}) and does not change these entities itself.
     *
     * @throws IllegalTransitionException when a job is in a state {@link Trigger#CLAIMED} does not leave
     */
    public void markProcessing(Collection<Long> ids, String node, String instance, OffsetDateTime now) {
        if (!ids.isEmpty()) {
            transition(ids, JobState.PROCESSING, Trigger.CLAIMED, "attempt = attempt + 1, server_id = ?,"
                    + " server_instance = ?, started_at = ?, finished_at = NULL", List.of(node, instance, now), now);
        }
    }

    /** As {@link #markProcessing}, for the successes {@link CommonTransitions} left: these locked jobs succeeded. */
    public void markSucceeded(Collection<Long> ids, OffsetDateTime now) {
        if (!ids.isEmpty()) {
            transition(ids, JobState.SUCCEEDED, Trigger.ATTEMPT_SUCCEEDED, "finished_at = ?, error = NULL",
                    List.of(now), now);
        }
    }

    /**
     * One set-based transition: the WHERE clause admits only the source states {@link JobTransitions} allows,
     * and a row it skipped means the caller's rows were not what it decided on, so the transaction rolls back.
     * Native SQL, so that the rows are found by id whatever the statistics say ({@link CommonTransitions#stateIn}).
     *
     * @param assignments SQL assignments of further columns, with a {@code ?} for each of {@code values}
     */
    private void transition(Collection<Long> ids, JobState to, Trigger trigger, String assignments,
                            List<Object> values, OffsetDateTime now) {
        Set<JobState> sources = JobTransitions.sourcesOf(to, trigger);
        Set<Long> distinct = new HashSet<>(ids);
        Query update = em.createNativeQuery(CommonTransitions.numbered("UPDATE errand.job j SET state = ?, updated_at = ?, "
                + assignments + " WHERE j.id IN (" + String.join(", ", java.util.Collections.nCopies(distinct.size(), "?"))
                + ") AND " + CommonTransitions.stateIn(sources)));
        int p = 1;
        update.setParameter(p++, to.name()).setParameter(p++, now);
        for (Object value : values) {
            update.setParameter(p++, value);
        }
        for (Long id : distinct) {
            update.setParameter(p++, id);
        }
        int changed = update.executeUpdate();
        int expected = distinct.size();
        if (changed != expected) {
            throw new IllegalTransitionException(ids.iterator().next(), new JobTransitions.Transition(null, to, trigger),
                    (expected - changed) + " of " + expected + " jobs were not " + sources + " and cannot be "
                            + trigger.verb());
        }
    }

    public Optional<JobEntity> lock(long id) {
        return Optional.ofNullable(em.find(JobEntity.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public Optional<JobEntity> findByIdempotencyKey(String submittedBy, String key) {
        return em.createQuery("SELECT j FROM JobEntity j WHERE j.submittedBy = :by AND j.idempotencyKey = :key",
                        JobEntity.class)
                .setParameter("by", submittedBy)
                .setParameter("key", key)
                .getResultStream().findFirst();
    }

    /** Serialises submissions of one idempotency key until the end of the transaction. */
    public void lockIdempotencyKey(String submittedBy, String key) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1, ?2)")
                .setParameter(1, 0x45524e44) // "ERND": keeps Errand's advisory locks apart from others'
                .setParameter(2, (submittedBy + '\u0000' + key).hashCode())
                .getSingleResult();
    }

    /**
     * The job's events in time order, whichever nodes wrote them (ids come in per-node sequence blocks); events
     * of one transaction share their time and keep their order by id. Served by job_event_job_at (V6).
     */
    /** How many of the job's history events have a reason that starts so. */
    public long countEvents(long jobId, String reasonPrefix) {
        return em.createQuery("SELECT COUNT(e) FROM JobEventEntity e WHERE e.jobId = :id AND e.reason LIKE :prefix",
                        Long.class)
                .setParameter("id", jobId)
                .setParameter("prefix", reasonPrefix.replace("%", "\\%").replace("_", "\\_") + "%")
                .getSingleResult();
    }

    public List<JobEventEntity> history(long jobId) {
        return em.createQuery("SELECT e FROM JobEventEntity e WHERE e.jobId = :id ORDER BY e.at, e.id",
                        JobEventEntity.class)
                .setParameter("id", jobId)
                .getResultList();
    }

    public Page list(Filter filter, Long cursor, int limit) {
        StringBuilder jpql = new StringBuilder("SELECT j FROM JobEntity j WHERE 1 = 1");
        List<Object[]> params = new ArrayList<>();
        if (filter.state() != null) {
            jpql.append(" AND j.state = :state");
            params.add(new Object[] {"state", filter.state()});
        }
        if (filter.type() != null) {
            jpql.append(" AND j.type = :type");
            params.add(new Object[] {"type", filter.type()});
        }
        if (filter.queue() != null) {
            jpql.append(" AND j.queue = :queue");
            params.add(new Object[] {"queue", filter.queue()});
        }
        if (filter.submittedBy() != null) {
            jpql.append(" AND j.submittedBy = :by");
            params.add(new Object[] {"by", filter.submittedBy()});
        }
        if (cursor != null) {
            jpql.append(" AND j.id < :cursor");
            params.add(new Object[] {"cursor", cursor});
        }
        jpql.append(" ORDER BY j.id DESC");
        TypedQuery<JobEntity> query = em.createQuery(jpql.toString(), JobEntity.class).setMaxResults(limit + 1);
        params.forEach(p -> query.setParameter((String) p[0], p[1]));
        List<JobEntity> rows = query.getResultList();
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        List<JobEntity> page = rows.subList(0, limit);
        return new Page(page, page.get(limit - 1).id());
    }

    public Map<JobState, Long> countByState() {
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            counts.put(state, 0L);
        }
        // Counters kept by V4__dashboard.sql's triggers (base + pending deltas): no scan of the job table.
        for (Object row : em.createNativeQuery("SELECT state, SUM(n) FROM (SELECT state, n FROM errand.job_count"
                + " UNION ALL SELECT state, n FROM errand.job_count_delta) c GROUP BY state").getResultList()) {
            Object[] r = (Object[]) row;
            counts.put(JobState.valueOf((String) r[0]), ((Number) r[1]).longValue());
        }
        return counts;
    }

    public long countFinishedSince(JobState state, OffsetDateTime since) {
        return em.createQuery("SELECT COUNT(j) FROM JobEntity j WHERE j.state = :state AND j.finishedAt >= :since",
                        Long.class)
                .setParameter("state", state)
                .setParameter("since", since)
                .getSingleResult();
    }

    /**
     * Unfinished jobs whose message may have been lost: enqueued (or due) longer ago than {@code before}, in a
     * queue that is not paused (a pause holds its jobs on purpose: docs/run-control.md), whose type's concurrency
     * limit is not full and whose mutex key no running job holds (those wait for a running job's end). Locked, skipping rows
     * another server is already recovering.
     */
    @SuppressWarnings("unchecked")
    public List<JobEntity> lockStale(OffsetDateTime before, int limit) {
        List<Number> ids = em.createNativeQuery("SELECT j.id FROM errand.job j WHERE ((j.state = 'ENQUEUED'"
                        + " AND j.updated_at < ?1) OR (j.state = 'SCHEDULED' AND j.scheduled_at < ?1))"
                        + " AND NOT EXISTS (SELECT 1 FROM errand.queue q WHERE q.name = j.queue AND q.paused)"
                        // held by its type's concurrency limit, which is still full: a running job's end releases it
                        + " AND NOT EXISTS (SELECT 1 FROM errand.job_type t WHERE t.name = j.type"
                        + " AND t.concurrency <= (SELECT COUNT(*) FROM errand.job p WHERE p.type = j.type"
                        + " AND p.state = 'PROCESSING'))"
                        // held by its mutex key, which a running job holds: that job's end releases it (V15)
                        + " AND NOT EXISTS (SELECT 1 FROM errand.job h WHERE h.type = j.type"
                        + " AND h.mutex_key = j.mutex_key AND h.state = 'PROCESSING' AND h.mutex_key IS NOT NULL)"
                        + " ORDER BY j.id LIMIT ?2 FOR UPDATE OF j SKIP LOCKED")
                .setParameter(1, before)
                .setParameter(2, limit)
                .getResultList();
        return lock(ids.stream().map(Number::longValue).toList());
    }

    /**
     * Jobs PROCESSING since before {@code staleBefore} on a server instance other than {@code self} that has not
     * written a heartbeat since then (or has no row at all): a node restarted under the same node id is a new
     * instance, so its previous instance's attempts are orphans. Rows from before V6 name the instance in
     * server_id. Locked, skipping rows another server is handling.
     */
    @SuppressWarnings("unchecked")
    public List<JobEntity> lockOrphans(OffsetDateTime staleBefore, String self, int limit) {
        List<Number> ids = em.createNativeQuery("SELECT j.id FROM errand.job j WHERE j.state = 'PROCESSING'"
                        + " AND j.started_at < ?1 AND COALESCE(j.server_instance, j.server_id) <> ?2"
                        + " AND NOT EXISTS (SELECT 1 FROM errand.server s"
                        + " WHERE s.id = COALESCE(j.server_instance, j.server_id) AND s.heartbeat_at >= ?1) ORDER BY j.id LIMIT ?3 FOR UPDATE OF j SKIP LOCKED")
                .setParameter(1, staleBefore)
                .setParameter(2, self)
                .setParameter(3, limit)
                .getResultList();
        return lock(ids.stream().map(Number::longValue).toList());
    }

    /**
     * Jobs ENQUEUED that a server instance other than {@code self}, silent since before {@code staleBefore}, stored
     * at or after the time its last heartbeat said all it stored was sent by ({@code server.sent_before}, V16), and
     * whose latest history event it wrote (its submission, or its own renumbering after a failed send): their
     * messages may have died with it. Once a live server has sent one again, that server wrote the latest event, so a
     * later run leaves the job alone. Locked, skipping rows another server is handling.
     */
    @SuppressWarnings("unchecked")
    public List<JobEntity> lockUnsentOfSilent(OffsetDateTime staleBefore, String self, int limit) {
        List<Number> ids = em.createNativeQuery("SELECT j.id FROM errand.server s JOIN errand.job j ON j.created_at >= s.sent_before"
                        + " WHERE s.heartbeat_at < ?1 AND s.id <> ?2 AND j.state = 'ENQUEUED'"
                        + " AND (SELECT e.server_instance FROM errand.job_event e WHERE e.job_id = j.id"
                        + " ORDER BY e.at DESC, e.id DESC LIMIT 1) = s.id"
                        + " ORDER BY j.id LIMIT ?3 FOR UPDATE OF j SKIP LOCKED")
                .setParameter(1, staleBefore)
                .setParameter(2, self)
                .setParameter(3, limit)
                .getResultList();
        return lock(ids.stream().map(Number::longValue).toList());
    }

    /** Which of these jobs are no longer PROCESSING (deleted, requeued, or gone). */
    public Set<Long> notProcessing(Collection<Long> ids) {
        Set<Long> gone = new HashSet<>(ids);
        gone.removeAll(em.createQuery("SELECT j.id FROM JobEntity j WHERE j.id IN :ids AND j.state = :processing", Long.class)
                .setParameter("ids", ids)
                .setParameter("processing", JobState.PROCESSING)
                .getResultList());
        return gone;
    }
}
