package dev.errand.job.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Rows of job_batch (V11) and the counts of their jobs per state, read from the job rows themselves. */
@ApplicationScoped
public class BatchStore {

    /** A batch row; the callbacks are the submitted JSON, their job ids set once the batch completed. */
    public record Batch(long id, String state, OffsetDateTime createdAt, OffsetDateTime completedAt, String submittedBy,
                        int total, String onSuccess, String onComplete, Long onSuccessJob, Long onCompleteJob) {
    }

    private static final String COLUMNS = "id, state, created_at, completed_at, submitted_by, total, on_success,"
            + " on_complete, on_success_job, on_complete_job";

    @PersistenceContext(unitName = "errand")
    EntityManager em;

    public long insert(String submittedBy, int total, String onSuccess, String onComplete, OffsetDateTime now) {
        long id = ((Number) em.createNativeQuery("SELECT nextval('errand.job_batch_id_seq')").getSingleResult()).longValue();
        em.createNativeQuery("INSERT INTO errand.job_batch (id, state, created_at, submitted_by, total, on_success,"
                        + " on_complete) VALUES (?1, 'RUNNING', ?2, CAST(?3 AS varchar), ?4, CAST(?5 AS text), CAST(?6 AS text))")
                .setParameter(1, id).setParameter(2, now).setParameter(3, submittedBy).setParameter(4, total)
                .setParameter(5, onSuccess).setParameter(6, onComplete)
                .executeUpdate();
        return id;
    }

    public java.util.Optional<Batch> find(long id) {
        return rows(em.createNativeQuery("SELECT " + COLUMNS + " FROM errand.job_batch WHERE id = ?1")
                .setParameter(1, id).getResultList()).stream().findFirst();
    }

    /** Newest first, below {@code cursor} (an id) when given; only {@code submittedBy}'s when not null. */
    public List<Batch> list(Long cursor, int limit, String submittedBy) {
        return rows(em.createNativeQuery("SELECT " + COLUMNS + " FROM errand.job_batch WHERE id < ?1"
                        + " AND (CAST(?2 AS varchar) IS NULL OR submitted_by = ?2) ORDER BY id DESC LIMIT ?3")
                .setParameter(1, cursor == null ? Long.MAX_VALUE : cursor)
                .setParameter(2, submittedBy)
                .setParameter(3, limit)
                .getResultList());
    }

    /**
     * Locks (skipping rows another server holds) running batches none of whose jobs can still change by itself:
     * each is SUCCEEDED, FAILED or DELETED. Served by job_batch_running and job_batch_state (V11).
     */
    public List<Batch> lockEnded(int limit) {
        return rows(em.createNativeQuery("SELECT " + COLUMNS + " FROM errand.job_batch b WHERE b.state = 'RUNNING'"
                        + " AND NOT EXISTS (SELECT 1 FROM errand.job j WHERE j.batch_id = b.id"
                        + "                 AND j.state NOT IN ('SUCCEEDED', 'FAILED', 'DELETED'))"
                        + " ORDER BY b.id LIMIT ?1 FOR UPDATE SKIP LOCKED")
                .setParameter(1, limit).getResultList());
    }

    /** A null job id is bound untyped (as varchar): the casts keep the statement valid either way. */
    public void complete(long id, Long onSuccessJob, Long onCompleteJob, OffsetDateTime now) {
        em.createNativeQuery("UPDATE errand.job_batch SET state = 'COMPLETED', completed_at = ?2, on_success_job = CAST(?3 AS bigint),"
                        + " on_complete_job = CAST(?4 AS bigint) WHERE id = ?1 AND state = 'RUNNING'")
                .setParameter(1, id).setParameter(2, now).setParameter(3, onSuccessJob).setParameter(4, onCompleteJob)
                .executeUpdate();
    }

    /** The batches' jobs per state, every state name present (0 when none). */
    public Map<Long, Map<String, Long>> counts(Collection<Long> ids) {
        Map<Long, Map<String, Long>> counts = new HashMap<>();
        if (ids.isEmpty()) {
            return counts;
        }
        for (Long id : ids) {
            Map<String, Long> zero = new TreeMap<>();
            for (dev.errand.job.JobState s : dev.errand.job.JobState.values()) {
                zero.put(s.name(), 0L);
            }
            counts.put(id, zero);
        }
        List<?> rows = em.createNativeQuery("SELECT batch_id, state, COUNT(*) FROM errand.job WHERE batch_id IN ("
                        + dev.errand.job.store.DependencyStore.idList(ids) + ") GROUP BY batch_id, state")
                .getResultList();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            counts.get(((Number) r[0]).longValue()).put((String) r[1], ((Number) r[2]).longValue());
        }
        return counts;
    }

    private static List<Batch> rows(List<?> rows) {
        List<Batch> batches = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            batches.add(new Batch(((Number) r[0]).longValue(), (String) r[1], utc(r[2]), utc(r[3]), (String) r[4],
                    ((Number) r[5]).intValue(), (String) r[6], (String) r[7], number(r[8]), number(r[9])));
        }
        return batches;
    }

    private static Long number(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    private static OffsetDateTime utc(Object value) {
        if (value == null || value instanceof OffsetDateTime) {
            return (OffsetDateTime) value;
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(ZoneOffset.UTC);
    }
}
