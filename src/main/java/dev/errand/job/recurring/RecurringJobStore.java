package dev.errand.job.recurring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Reads and writes recurring job rows and their run records. */
@ApplicationScoped
public class RecurringJobStore {

    @PersistenceContext(unitName = "errand")
    EntityManager em;

    public List<RecurringJobEntity> all() {
        return em.createQuery("SELECT r FROM RecurringJobEntity r ORDER BY r.id", RecurringJobEntity.class).getResultList();
    }

    public Optional<RecurringJobEntity> find(String id) {
        return Optional.ofNullable(em.find(RecurringJobEntity.class, id));
    }

    public Optional<RecurringJobEntity> lock(String id) {
        return Optional.ofNullable(em.find(RecurringJobEntity.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public void persist(RecurringJobEntity job) {
        em.persist(job);
    }

    public void remove(RecurringJobEntity job) {
        em.remove(job);
    }

    public long count() {
        return em.createQuery("SELECT COUNT(r) FROM RecurringJobEntity r", Long.class).getSingleResult();
    }

    /** @return false when this due instant already has its run (the primary key says so) */
    public boolean recordRun(String id, OffsetDateTime dueAt, long jobId) {
        return em.createNativeQuery("INSERT INTO errand.recurring_run (recurring_id, due_at, job_id) VALUES (?1, ?2, ?3)"
                        + " ON CONFLICT DO NOTHING")
                .setParameter(1, id).setParameter(2, dueAt).setParameter(3, jobId)
                .executeUpdate() == 1;
    }

    public boolean hasRun(String id, OffsetDateTime dueAt) {
        return !em.createNativeQuery("SELECT 1 FROM errand.recurring_run WHERE recurring_id = ?1 AND due_at = ?2")
                .setParameter(1, id).setParameter(2, dueAt)
                .getResultList().isEmpty();
    }

    /** Run records only matter for recent instants (a catch-up fires for the latest missed one). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int deleteRunsBefore(OffsetDateTime before) {
        return em.createNativeQuery("DELETE FROM errand.recurring_run WHERE due_at < ?1")
                .setParameter(1, before).executeUpdate();
    }

    /** Serialises definition changes and timer reconciliation across servers until the end of the transaction. */
    public void lockDefinitions() {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1, ?2)")
                .setParameter(1, 0x45524e44) // "ERND", as JobStore's locks
                .setParameter(2, 0x52454355) // "RECU"
                .getSingleResult();
    }
}
