package dev.errand.job.store;

import dev.errand.job.JobState;
import dev.errand.job.store.JobTransitions.Trigger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The claim and the success of jobs that nothing holds back, each as one statement that moves the rows and writes
 * their history events (docs/DESIGN.md §4 "The common path"). The job lifecycle tries these first and decides the
 * rest one by one: the statements take only what they can decide alone (no paused queue, no limit, no mutex key,
 * the message's own dispatch and attempt) and leave every other job untouched and unlocked. A claim or an outcome is
 * then two round trips to PostgreSQL (this statement and the commit) instead of five or six.
 *
 * <p>The states come from {@link JobTransitions}, as in {@link JobStore}'s set-based writes. The events' ids are a
 * block of the {@code job_event_id_seq} sequence taken the way EclipseLink takes its own (its allocation size, the
 * block ending at the value drawn), so they never meet the ids of events written through JPA.
 */
@ApplicationScoped
public class CommonTransitions {

    /** {@link JobEventEntity}'s allocation size, the sequence's increment (V1__jobs.sql): the ids of one block. */
    static final int EVENT_ID_BLOCK = 1000;

    /** A job the common claim started: its attempt's number and what the attempt needs to run. */
    public record Started(long id, int dispatch, int attempt, String type, String args, Long timeoutMs,
                          String traceParent) {
    }

    /** A message's job, and for an outcome its attempt and how long it ran. */
    public record Ref(long id, int dispatch, int attempt, long elapsedMillis) {
    }

    @PersistenceContext(unitName = "errand")
    EntityManager em;

    /**
     * Starts the next attempt of each of these jobs that its message may start outright: under this dispatch
     * number, in a state that {@link Trigger#CLAIMED} leaves, with no mutex key, in a queue not paused (its row read
     * FOR KEY SHARE, as {@link QueueStore#pausedAmong} does, so that a pause waits for this claim to commit) and of a
     * type with neither a concurrency nor a rate limit. Each gets its PROCESSING event. The others are left as
     * they were, for the full claim.
     */
    @SuppressWarnings("unchecked")
    public List<Started> claim(Collection<Ref> refs, String node, String instance, OffsetDateTime now) {
        List<Ref> rows = sorted(refs);
        if (rows.isEmpty() || rows.size() > EVENT_ID_BLOCK) {
            return List.of();
        }
        String sql = "WITH refs (id, dispatch) AS (VALUES " + values(rows.size(), "(CAST(? AS bigint), CAST(? AS integer))") + "),"
                + " queues AS (SELECT q.name, q.paused FROM errand.queue q"
                + "   WHERE q.name = ANY (ARRAY (SELECT j.queue FROM errand.job j WHERE j.id IN (SELECT id FROM refs)))"
                + "   FOR KEY SHARE OF q),"
                + " started AS (UPDATE errand.job j SET state = 'PROCESSING', attempt = j.attempt + 1, server_id = ?,"
                + "   server_instance = ?, started_at = ?, finished_at = NULL, updated_at = ?"
                + "   FROM refs r WHERE j.id = r.id AND j.dispatch = r.dispatch"
                + "   AND " + stateIn(JobTransitions.sourcesOf(JobState.PROCESSING, Trigger.CLAIMED))
                + "   AND j.mutex_key IS NULL"
                + "   AND NOT EXISTS (SELECT 1 FROM queues q WHERE q.name = j.queue AND q.paused)"
                + "   AND NOT EXISTS (SELECT 1 FROM errand.job_type t WHERE t.name = j.type"
                + "     AND (t.concurrency IS NOT NULL OR t.rate_limit IS NOT NULL))"
                + "   RETURNING j.id, j.dispatch, j.attempt, j.max_attempts, j.type, j.args, j.timeout_ms, j.trace_parent),"
                + events("started", "'PROCESSING'", "'attempt ' || s.attempt || ' of ' || s.max_attempts")
                + " SELECT s.id, s.dispatch, s.attempt, s.type, s.args, s.timeout_ms, s.trace_parent FROM started s ORDER BY s.id";
        List<Started> started = new ArrayList<>();
        for (Object[] row : (List<Object[]>) run(sql, rows, false, List.of(node, instance, now, now), now, node, instance)) {
            started.add(new Started(((Number) row[0]).longValue(), ((Number) row[1]).intValue(),
                    ((Number) row[2]).intValue(), (String) row[3], (String) row[4],
                    row[5] == null ? null : ((Number) row[5]).longValue(), (String) row[6]));
        }
        return started;
    }

    /**
     * Marks SUCCEEDED each of these jobs whose attempt succeeded and that nothing waits on: still PROCESSING that
     * very attempt under that dispatch number, with no mutex key and of a type without a concurrency limit (no held
     * job waits for its slot or key). Each gets its SUCCEEDED event. Returns the ids it marked; the others are left.
     */
    public Set<Long> succeed(Collection<Ref> refs, String node, String instance, OffsetDateTime now) {
        List<Ref> rows = sorted(refs);
        if (rows.isEmpty() || rows.size() > EVENT_ID_BLOCK) {
            return Set.of();
        }
        String sql = "WITH refs (id, dispatch, attempt, millis) AS (VALUES "
                + values(rows.size(), "(CAST(? AS bigint), CAST(? AS integer), CAST(? AS integer), CAST(? AS bigint))") + "),"
                + " done AS (UPDATE errand.job j SET state = 'SUCCEEDED', finished_at = ?, error = NULL, updated_at = ?"
                + "   FROM refs r WHERE j.id = r.id AND j.dispatch = r.dispatch AND j.attempt = r.attempt"
                + "   AND " + stateIn(JobTransitions.sourcesOf(JobState.SUCCEEDED, Trigger.ATTEMPT_SUCCEEDED))
                + "   AND j.mutex_key IS NULL"
                + "   AND NOT EXISTS (SELECT 1 FROM errand.job_type t WHERE t.name = j.type AND t.concurrency IS NOT NULL)"
                + "   RETURNING j.id, j.attempt, r.millis),"
                + events("done", "'SUCCEEDED'", "'succeeded in ' || s.millis || ' ms'")
                + " SELECT s.id FROM done s";
        return run(sql, rows, true, List.of(now, now), now, node, instance).stream()
                .map(id -> ((Number) id).longValue()).collect(Collectors.toSet());
    }

    /**
     * The events of the rows that the CTE {@code moved} returned: ids from one block of the sequence, ending at the
     * value drawn (EclipseLink's way for an allocation size of {@value #EVENT_ID_BLOCK}).
     */
    private static String events(String moved, String state, String reason) {
        return " block AS (SELECT nextval('errand.job_event_id_seq') AS last),"
                + " events AS (INSERT INTO errand.job_event (id, job_id, at, state, attempt, server_id, server_instance, reason)"
                + "   SELECT b.last - " + EVENT_ID_BLOCK + " + row_number() OVER (ORDER BY s.id), s.id, CAST(? AS timestamptz), "
                + state + ", s.attempt, CAST(? AS varchar), CAST(? AS varchar), " + reason + " FROM " + moved + " s CROSS JOIN block b)";
    }

    /**
     * Runs one of the statements with its parameters in the order they appear: the refs, then the move's own
     * {@code moved}, then the events' time, node and instance.
     */
    private List<?> run(String sql, List<Ref> rows, boolean withAttempts, List<Object> moved, OffsetDateTime now,
                        String node, String instance) {
        Query query = em.createNativeQuery(numbered(sql));
        int p = 1;
        for (Ref ref : rows) {
            query.setParameter(p++, ref.id()).setParameter(p++, ref.dispatch());
            if (withAttempts) {
                query.setParameter(p++, ref.attempt()).setParameter(p++, ref.elapsedMillis());
            }
        }
        for (Object value : moved) {
            query.setParameter(p++, value);
        }
        query.setParameter(p++, now).setParameter(p++, node).setParameter(p, instance);
        return query.getResultList();
    }

    /** One ref per job, in id order: rows are locked in the order every other locker of jobs takes them. */
    private static List<Ref> sorted(Collection<Ref> refs) {
        return refs.stream().collect(Collectors.toMap(Ref::id, r -> r, (a, b) -> a)).values().stream()
                .sorted(Comparator.comparingLong(Ref::id)).toList();
    }

    /** {@code ?} → {@code ?1}, {@code ?2}, … in order (the statements hold no other question mark). */
    static String numbered(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 64);
        int n = 0;
        for (char c : sql.toCharArray()) {
            out.append(c);
            if (c == '?') {
                out.append(++n);
            }
        }
        return out.toString();
    }

    private static String values(int n, String row) {
        return String.join(", ", java.util.Collections.nCopies(n, row));
    }

    /**
     * The job's state among these, written so that no index on {@code state} serves it: the statement reaches its
     * rows by id, whatever the statistics say. Without statistics on {@code state} (a table not analysed yet, or a
     * burst of jobs since the last analysis) the planner takes {@code job_unfinished} for the more selective
     * condition and reads every waiting job's entry: 20,000 for one claim of 20 jobs, over a second under a drain
     * (docs/performance.md, 2026-12-04 "The common path").
     */
    static String stateIn(Set<JobState> states) {
        return "(j.state || '') IN (" + states.stream().map(s -> "'" + s.name() + "'").sorted()
                .collect(Collectors.joining(", ")) + ")";
    }
}
