package dev.errand.job.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A job's progress and log lines as its handler reports them (docs/job-progress.md). The engine writes them in
 * batches, in transactions of their own, so they are visible while the attempt runs and kept when it fails.
 */
@ApplicationScoped
public class JobJournal {

    /** Lines kept per attempt: the newest. */
    public static final int LINES_PER_ATTEMPT = 200;
    /** Characters kept of one line. */
    public static final int LINE_LENGTH = 1000;

    /**
     * How far an attempt has come. An attempt is known by its dispatch and number (a requeue numbers attempts
     * from 1 again, with a new dispatch); {@code version} orders the reports of one attempt.
     */
    public record Progress(int dispatch, int attempt, long version, long done, long total, OffsetDateTime at) {
    }

    /** One line of an attempt's log; {@code seq} counts the attempt's lines from 1. */
    public record Line(int dispatch, int attempt, int seq, OffsetDateTime at, String text) {
    }

    /** What one attempt reported since it was last written: the latest progress (or null) and its new lines. */
    public record Entries(long jobId, Progress progress, List<Line> lines) {
    }

    @PersistenceContext(unitName = "errand")
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void write(List<Entries> entries) {
        for (Entries e : entries) {
            if (e.progress() != null) {
                upsert(e.jobId(), e.progress());
            }
            if (!e.lines().isEmpty()) {
                append(e.jobId(), e.lines());
            }
        }
    }

    public Optional<Progress> progress(long jobId) {
        List<?> rows = em.createNativeQuery("SELECT dispatch, attempt, version, done, total, at FROM errand.job_progress"
                        + " WHERE job_id = ?1")
                .setParameter(1, jobId)
                .getResultList();
        return rows.stream().map(r -> (Object[]) r).findFirst().map(r -> new Progress(((Number) r[0]).intValue(),
                ((Number) r[1]).intValue(), ((Number) r[2]).longValue(), ((Number) r[3]).longValue(),
                ((Number) r[4]).longValue(), utc(r[5])));
    }

    /** Every attempt's kept lines, oldest attempt and line first. */
    public List<Line> log(long jobId) {
        List<?> rows = em.createNativeQuery("SELECT dispatch, attempt, seq, at, line FROM errand.job_log"
                        + " WHERE job_id = ?1 ORDER BY dispatch, attempt, seq")
                .setParameter(1, jobId)
                .getResultList();
        return rows.stream().map(r -> (Object[]) r).map(r -> new Line(((Number) r[0]).intValue(),
                ((Number) r[1]).intValue(), ((Number) r[2]).intValue(), utc(r[3]), (String) r[4])).toList();
    }

    private void upsert(long jobId, Progress p) {
        em.createNativeQuery("INSERT INTO errand.job_progress (job_id, dispatch, attempt, version, done, total, at)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (job_id) DO UPDATE SET"
                        + " dispatch = EXCLUDED.dispatch, attempt = EXCLUDED.attempt, version = EXCLUDED.version,"
                        + " done = EXCLUDED.done, total = EXCLUDED.total, at = EXCLUDED.at"
                        + " WHERE (job_progress.dispatch, job_progress.attempt, job_progress.version)"
                        + " < (EXCLUDED.dispatch, EXCLUDED.attempt, EXCLUDED.version)")
                .setParameter(1, jobId)
                .setParameter(2, p.dispatch())
                .setParameter(3, p.attempt())
                .setParameter(4, p.version())
                .setParameter(5, p.done())
                .setParameter(6, p.total())
                .setParameter(7, p.at())
                .executeUpdate();
    }

    private void append(long jobId, List<Line> lines) {
        Line newest = lines.get(lines.size() - 1);
        StringBuilder sql = new StringBuilder("INSERT INTO errand.job_log (job_id, dispatch, attempt, seq, at, line) VALUES ");
        for (int i = 0; i < lines.size(); i++) {
            int p = i * 3;
            sql.append(i == 0 ? "" : ", ").append("(?1, ?2, ?3, ?").append(p + 4).append(", ?").append(p + 5)
                    .append(", ?").append(p + 6).append(')');
        }
        // A line can reach the database twice only if a write was retried after it committed; keep the first.
        sql.append(" ON CONFLICT DO NOTHING");
        var insert = em.createNativeQuery(sql.toString()).setParameter(1, jobId)
                .setParameter(2, newest.dispatch()).setParameter(3, newest.attempt());
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            int p = i * 3;
            insert.setParameter(p + 4, line.seq()).setParameter(p + 5, line.at()).setParameter(p + 6, line.text());
        }
        insert.executeUpdate();
        if (newest.seq() > LINES_PER_ATTEMPT) {
            em.createNativeQuery("DELETE FROM errand.job_log WHERE job_id = ?1 AND dispatch = ?2 AND attempt = ?3"
                            + " AND seq <= ?4")
                    .setParameter(1, jobId)
                    .setParameter(2, newest.dispatch())
                    .setParameter(3, newest.attempt())
                    .setParameter(4, newest.seq() - LINES_PER_ATTEMPT)
                    .executeUpdate();
        }
    }

    private static OffsetDateTime utc(Object value) {
        if (value instanceof OffsetDateTime at) {
            return at;
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(java.time.ZoneOffset.UTC);
    }
}
