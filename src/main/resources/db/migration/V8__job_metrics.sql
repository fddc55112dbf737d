-- GET /metrics and the JMX MBean without scanning the job table (docs/security.md, "Resource use"): counters per
-- job type, kept the way V4__dashboard.sql keeps the per-state ones, i.e. statement-level triggers that only
-- APPEND delta rows (no hot counter row for concurrent workers to wait on) and job_metrics_rollup() folding the
-- committed deltas into base rows. A read sums base rows and pending deltas: a few rows per job type.
--
-- Each stored job contributes to its type's metrics (job_metrics_of below); an insert adds a row's contribution,
-- a delete subtracts it, an update adds the difference. So the numbers are exactly what a scan of the stored
-- jobs would give, as before (a retried job's earlier run leaves its duration bucket when it runs again, a job
-- removed by retention leaves every metric).

CREATE TABLE job_metric (
    type   varchar(200) NOT NULL,
    metric varchar(32)  NOT NULL,
    n      numeric      NOT NULL,
    PRIMARY KEY (type, metric)
);
CREATE TABLE job_metric_delta (
    type   varchar(200) NOT NULL,
    metric varchar(32)  NOT NULL,
    n      numeric      NOT NULL
);

-- One job's contribution:
--   state:<STATE>    1, the job counted in its state
--   retries          attempts beyond the first
--   dead_lettered    1 when FAILED by the dead-letter consumer
--   run_seconds      run time of a finished (SUCCEEDED or FAILED) job
--   run_le:<bound>   1 in the smallest histogram bucket holding that run time ('run_le:+Inf' above the last);
--                    the bounds are JobsSnapshot.BUCKETS, written as Java prints them (0.005, 1.0, 300.0)
CREATE FUNCTION job_metrics_of(j job) RETURNS TABLE (metric text, n numeric) LANGUAGE sql IMMUTABLE AS $$
    SELECT 'state:' || j.state, 1::numeric
    UNION ALL
    SELECT 'retries', (j.attempt - 1)::numeric WHERE j.attempt > 1
    UNION ALL
    SELECT 'dead_lettered', 1 WHERE j.state = 'FAILED' AND j.error LIKE 'dead-lettered%'
    UNION ALL
    SELECT m.metric, m.n FROM (SELECT EXTRACT(EPOCH FROM j.finished_at - j.started_at) AS d
                               WHERE j.state IN ('SUCCEEDED', 'FAILED') AND j.started_at IS NOT NULL
                                 AND j.finished_at IS NOT NULL) run
        CROSS JOIN LATERAL (
            SELECT 'run_seconds' AS metric, run.d AS n
            UNION ALL
            SELECT 'run_le:' || COALESCE((SELECT MIN(b)::text FROM unnest(ARRAY[0.005, 0.01, 0.05, 0.1, 0.5, 1.0,
                    5.0, 10.0, 60.0, 300.0]) b WHERE run.d <= b), '+Inf'), 1) m
$$;

-- A job inserted adds its contribution, a job deleted takes it back.
CREATE FUNCTION job_metrics_after_insert_or_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO errand.job_metric_delta (type, metric, n)
            SELECT w.type, m.metric, SUM(m.n) FROM new_rows w CROSS JOIN LATERAL errand.job_metrics_of(w) m
            GROUP BY 1, 2;
    ELSE
        INSERT INTO errand.job_metric_delta (type, metric, n)
            SELECT o.type, m.metric, -SUM(m.n) FROM old_rows o CROSS JOIN LATERAL errand.job_metrics_of(o) m
            GROUP BY 1, 2;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION job_metrics_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Only rows whose contribution may have changed; an update of other columns (a heartbeat, a dispatch
    -- count) appends nothing.
    INSERT INTO errand.job_metric_delta (type, metric, n)
        SELECT type, metric, SUM(n) FROM (
            SELECT o.type, m.metric, -m.n AS n FROM old_rows o JOIN new_rows w ON w.id = o.id
                CROSS JOIN LATERAL errand.job_metrics_of(o) m
            WHERE (o.state, o.attempt, o.error, o.started_at, o.finished_at, o.type)
                  IS DISTINCT FROM (w.state, w.attempt, w.error, w.started_at, w.finished_at, w.type)
            UNION ALL
            SELECT w.type, m.metric, m.n FROM old_rows o JOIN new_rows w ON w.id = o.id
                CROSS JOIN LATERAL errand.job_metrics_of(w) m
            WHERE (o.state, o.attempt, o.error, o.started_at, o.finished_at, o.type)
                  IS DISTINCT FROM (w.state, w.attempt, w.error, w.started_at, w.finished_at, w.type)
        ) changes GROUP BY type, metric HAVING SUM(n) <> 0;
    RETURN NULL;
END $$;

-- The triggers are created, and the stored jobs counted, in this migration's transaction: CREATE TRIGGER locks
-- the job table against writes until the commit, so no job changes between the count and the first delta.
CREATE TRIGGER job_metrics_insert AFTER INSERT ON job
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION job_metrics_after_insert_or_delete();
CREATE TRIGGER job_metrics_delete AFTER DELETE ON job
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION job_metrics_after_insert_or_delete();
CREATE TRIGGER job_metrics_update AFTER UPDATE ON job
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION job_metrics_after_update();

INSERT INTO job_metric (type, metric, n)
    SELECT j.type, m.metric, SUM(m.n) FROM job j CROSS JOIN LATERAL job_metrics_of(j) m GROUP BY 1, 2;

-- Folds the committed deltas into the base rows, as V4's job_stats_rollup() does for its counters; the dashboard's
-- ticker calls both about once a second on every server (JobStats#rollup).
CREATE FUNCTION job_metrics_rollup() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    WITH moved AS (DELETE FROM errand.job_metric_delta RETURNING type, metric, n),
         summed AS (SELECT type, metric, SUM(n) AS n FROM moved GROUP BY type, metric)
    INSERT INTO errand.job_metric AS m (type, metric, n) SELECT type, metric, n FROM summed
    ON CONFLICT (type, metric) DO UPDATE SET n = m.n + EXCLUDED.n;
    -- A type whose jobs are all gone keeps no rows (job types may be many and short-lived).
    DELETE FROM errand.job_metric WHERE n = 0;
END $$;
