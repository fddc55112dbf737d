package dev.errand.job.store;

import dev.errand.job.JobState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;

/** Deletes finished jobs (their history goes by ON DELETE CASCADE), a bounded batch per transaction. */
@ApplicationScoped
public class JobRetention {

    @PersistenceContext(unitName = "errand")
    EntityManager em;

    /**
     * Deletes up to {@code limit} jobs in {@code state} finished before {@code before}, in a transaction of its
     * own, so locks are held briefly. The outer conditions are checked again on rows that changed meanwhile
     * (a requeue), and rows locked by someone else are left for the next batch.
     *
     * @return how many were deleted; fewer than {@code limit} means none are left
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int deleteBatch(JobState state, OffsetDateTime before, int limit) {
        if (!state.isFinal()) {
            throw new IllegalArgumentException("only finished jobs expire, not " + state);
        }
        return em.createNativeQuery("DELETE FROM errand.job WHERE id IN (SELECT id FROM errand.job"
                        + " WHERE state = ?1 AND finished_at < ?2 LIMIT ?3 FOR UPDATE SKIP LOCKED)"
                        + " AND state = ?1 AND finished_at < ?2")
                .setParameter(1, state.name())
                .setParameter(2, before)
                .setParameter(3, limit)
                .executeUpdate();
    }
}
