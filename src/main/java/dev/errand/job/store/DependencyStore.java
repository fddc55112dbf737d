package dev.errand.job.store;

import dev.errand.job.JobState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The parents of continuations (table job_dependency, V11; docs/workflows.md). */
@ApplicationScoped
public class DependencyStore {

    /** One parent of a waiting child, in the state read now. */
    public record Parent(long childId, long parentId, JobState state, boolean afterAny) {
    }

    @PersistenceContext(unitName = "errand")
    EntityManager em;

    public void insert(long child, Collection<Long> parents, boolean afterAny) {
        em.flush(); // the child's row first: a native statement does not flush the persistence context
        for (long parent : parents) {
            em.createNativeQuery("INSERT INTO errand.job_dependency (child_id, parent_id, after_any) VALUES (?1, ?2, ?3)"
                            + " ON CONFLICT DO NOTHING")
                    .setParameter(1, child).setParameter(2, parent).setParameter(3, afterAny)
                    .executeUpdate();
        }
    }

    /** The states of these jobs; an id missing from the answer has no job. */
    public Map<Long, JobState> states(Collection<Long> ids) {
        Map<Long, JobState> states = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Object[] row : em.createQuery("SELECT j.id, j.state FROM JobEntity j WHERE j.id IN :ids", Object[].class)
                    .setParameter("ids", ids).getResultList()) {
                states.put((Long) row[0], (JobState) row[1]);
            }
        }
        return states;
    }

    /**
     * Locks (skipping rows another server holds) up to {@code limit} waiting children that can be decided now:
     * every parent ended, or (without after_any) one ended FAILED or DELETED. Served by job_awaiting (V11).
     */
    public List<Long> lockDecidable(int limit) {
        List<?> ids = em.createNativeQuery("SELECT c.id FROM errand.job c WHERE c.state = 'AWAITING'"
                        + " AND EXISTS (SELECT 1 FROM errand.job_dependency d WHERE d.child_id = c.id)"
                        + " AND (NOT EXISTS (SELECT 1 FROM errand.job_dependency d JOIN errand.job p ON p.id = d.parent_id"
                        + "                  WHERE d.child_id = c.id AND p.state NOT IN ('SUCCEEDED', 'FAILED', 'DELETED'))"
                        + "   OR EXISTS (SELECT 1 FROM errand.job_dependency d JOIN errand.job p ON p.id = d.parent_id"
                        + "              WHERE d.child_id = c.id AND NOT d.after_any AND p.state IN ('FAILED', 'DELETED')))"
                        + " ORDER BY c.id LIMIT ?1 FOR UPDATE OF c SKIP LOCKED")
                .setParameter(1, limit)
                .getResultList();
        List<Long> result = new ArrayList<>(ids.size());
        ids.forEach(id -> result.add(((Number) id).longValue()));
        return result;
    }

    /** The parents of these children with their current states, children and parents in id order. */
    public List<Parent> parents(Collection<Long> children) {
        if (children.isEmpty()) {
            return List.of();
        }
        List<?> rows = em.createNativeQuery("SELECT d.child_id, d.parent_id, p.state, d.after_any FROM errand.job_dependency d"
                        + " JOIN errand.job p ON p.id = d.parent_id WHERE d.child_id IN (" + idList(children) + ") ORDER BY 1, 2")
                .getResultList();
        List<Parent> parents = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            parents.add(new Parent(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                    JobState.valueOf((String) r[2]), (Boolean) r[3]));
        }
        return parents;
    }

    /** Ids written into a statement: numbers only, and no driver-specific array binding (WildFly and Payara alike). */
    public static String idList(Collection<Long> ids) {
        return ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
    }

    /** The children of {@code parent}. */
    public List<Long> children(long parent) {
        List<?> ids = em.createNativeQuery("SELECT child_id FROM errand.job_dependency WHERE parent_id = ?1 ORDER BY 1")
                .setParameter(1, parent)
                .getResultList();
        List<Long> result = new ArrayList<>(ids.size());
        ids.forEach(id -> result.add(((Number) id).longValue()));
        return result;
    }
}
