package dev.errand.job.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The mutex keys of jobs (V15__job_mutex.sql): who holds a key, who waits for it, and the lock that makes a claim's
 * look at a key and its start one step. docs/run-control.md "Mutex keys" explains why that is race-free.
 */
@ApplicationScoped
public class MutexStore {

    /** A key is a key of one type: the same value under two types is two keys. */
    public record Key(String type, String value) {
    }

    /** "ERMX": keeps these advisory locks apart from the idempotency keys' ("ERND", {@link JobStore}) and others'. */
    private static final int NAMESPACE = 0x45524d58;

    @PersistenceContext(unitName = "errand")
    EntityManager em;

    /**
     * Takes the transaction-level advisory lock of each key, in one order (by hash) so that two lockers never
     * deadlock; keys whose hashes collide share a lock, which only makes them take turns. Locks already held by
     * this transaction are taken again at no cost.
     */
    public void lock(Collection<Key> keys) {
        for (int hash : new TreeSet<>(keys.stream().map(MutexStore::hash).toList())) {
            em.createNativeQuery("SELECT pg_advisory_xact_lock(?1, ?2)")
                    .setParameter(1, NAMESPACE).setParameter(2, hash).getSingleResult();
        }
    }

    /** The PROCESSING job holding each of these keys that one holds (index job_mutex_running); one statement. */
    @SuppressWarnings("unchecked")
    public Map<Key, Long> holders(Collection<Key> keys) {
        List<Key> list = List.copyOf(keys);
        StringBuilder pairs = new StringBuilder();
        for (int i = 0; i < list.size(); i++) {
            pairs.append(i == 0 ? "" : ", ").append("(?").append(2 * i + 1).append(", ?").append(2 * i + 2).append(')');
        }
        Query query = em.createNativeQuery("SELECT type, mutex_key, id FROM errand.job WHERE state = 'PROCESSING'"
                + " AND mutex_key IS NOT NULL AND (type, mutex_key) IN (" + pairs + ")");
        for (int i = 0; i < list.size(); i++) {
            query.setParameter(2 * i + 1, list.get(i).type()).setParameter(2 * i + 2, list.get(i).value());
        }
        Map<Key, Long> holders = new HashMap<>();
        for (Object[] row : (List<Object[]>) query.getResultList()) {
            holders.put(new Key((String) row[0], (String) row[1]), ((Number) row[2]).longValue());
        }
        return holders;
    }

    /**
     * The oldest job waiting for the key (ENQUEUED, or a SCHEDULED retry that fell due; index job_mutex_waiting),
     * locked, skipping rows another transaction holds (a claim is deciding on it) and jobs of paused queues (their
     * resume sends them). A job a rate limit deferred waits for its own delayed message.
     */
    @SuppressWarnings("unchecked")
    public Optional<Long> oldestWaiting(Key key, OffsetDateTime now) {
        List<Number> ids = em.createNativeQuery("SELECT j.id FROM errand.job j WHERE j.type = ?1 AND j.mutex_key = ?2"
                        + " AND j.state IN ('ENQUEUED', 'SCHEDULED') AND (j.scheduled_at IS NULL OR j.scheduled_at <= ?3)"
                        + " AND NOT EXISTS (SELECT 1 FROM errand.queue q WHERE q.name = j.queue AND q.paused)"
                        + " ORDER BY j.id LIMIT 1 FOR UPDATE OF j SKIP LOCKED")
                .setParameter(1, key.type()).setParameter(2, key.value()).setParameter(3, now).getResultList();
        return ids.stream().findFirst().map(Number::longValue);
    }

    static int hash(Key key) {
        return (key.type() + '\u0000' + key.value()).hashCode();
    }
}
