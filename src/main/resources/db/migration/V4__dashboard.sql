-- The dashboard's numbers without scanning the job table (DESIGN.md section 8: "dashboards die at volume").
--
-- Counts per state and finished jobs per hour are kept by statement-level triggers that only APPEND delta rows
-- (one row per state touched by a statement). Appending never waits on another transaction, so concurrent
-- workers do not contend on a hot counter row (an UPDATE of a shared counter would serialise them until
-- commit, and several counter rows updated in varying order would deadlock). errand.job_stats_rollup(),
-- called about once a second by the dashboard's ticker, folds committed deltas into the base rows; a read
-- sums base + pending deltas in one statement, so it is exact whether or not the rollup has run.

CREATE TABLE job_count (
    state varchar(16) PRIMARY KEY,
    n     bigint NOT NULL
);
CREATE TABLE job_count_delta (
    state varchar(16) NOT NULL,
    n     bigint      NOT NULL
);

-- Jobs that reached SUCCEEDED or FAILED, per hour (the overview's 24 h / 7 day history).
CREATE TABLE job_finished_hour (
    hour  timestamptz NOT NULL,
    state varchar(16) NOT NULL,
    n     bigint      NOT NULL,
    PRIMARY KEY (hour, state)
);
CREATE TABLE job_finished_delta (
    hour  timestamptz NOT NULL,
    state varchar(16) NOT NULL,
    n     bigint      NOT NULL
);

INSERT INTO job_count (state, n) SELECT state, COUNT(*) FROM job GROUP BY state;
INSERT INTO job_finished_hour (hour, state, n)
    SELECT date_trunc('hour', finished_at), state, COUNT(*) FROM job
    WHERE state IN ('SUCCEEDED', 'FAILED') AND finished_at IS NOT NULL GROUP BY 1, 2;

CREATE FUNCTION job_counts_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO errand.job_count_delta (state, n) SELECT state, COUNT(*) FROM new_rows GROUP BY state;
    RETURN NULL;
END $$;

CREATE FUNCTION job_counts_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO errand.job_count_delta (state, n) SELECT state, -COUNT(*) FROM old_rows GROUP BY state;
    RETURN NULL;
END $$;

CREATE FUNCTION job_counts_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Only rows whose state changed count; an update of other columns appends nothing.
    INSERT INTO errand.job_count_delta (state, n)
        SELECT state, SUM(n) FROM (
            SELECT o.state, -1 AS n FROM old_rows o JOIN new_rows w ON w.id = o.id WHERE w.state <> o.state
            UNION ALL
            SELECT w.state, 1 FROM old_rows o JOIN new_rows w ON w.id = o.id WHERE w.state <> o.state
        ) changes GROUP BY state HAVING SUM(n) <> 0;
    INSERT INTO errand.job_finished_delta (hour, state, n)
        SELECT date_trunc('hour', now()), w.state, COUNT(*)
        FROM old_rows o JOIN new_rows w ON w.id = o.id
        WHERE w.state <> o.state AND w.state IN ('SUCCEEDED', 'FAILED')
        GROUP BY w.state;
    RETURN NULL;
END $$;

CREATE TRIGGER job_counts_insert AFTER INSERT ON job
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION job_counts_after_insert();
CREATE TRIGGER job_counts_delete AFTER DELETE ON job
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION job_counts_after_delete();
CREATE TRIGGER job_counts_update AFTER UPDATE ON job
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION job_counts_after_update();

-- Folds the committed deltas into the base rows, atomically (one statement each: a concurrent reader sees
-- either the deltas or their sum). Two servers rolling up at once is safe: a delta row is deleted once.
CREATE FUNCTION job_stats_rollup() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    WITH moved AS (DELETE FROM errand.job_count_delta RETURNING state, n),
         summed AS (SELECT state, SUM(n) AS n FROM moved GROUP BY state)
    INSERT INTO errand.job_count AS c (state, n) SELECT state, n FROM summed
    ON CONFLICT (state) DO UPDATE SET n = c.n + EXCLUDED.n;

    WITH moved AS (DELETE FROM errand.job_finished_delta RETURNING hour, state, n),
         summed AS (SELECT hour, state, SUM(n) AS n FROM moved GROUP BY hour, state)
    INSERT INTO errand.job_finished_hour AS f (hour, state, n) SELECT hour, state, n FROM summed
    ON CONFLICT (hour, state) DO UPDATE SET n = f.n + EXCLUDED.n;

    DELETE FROM errand.job_finished_hour WHERE hour < now() - interval '8 days';
END $$;

-- The dead-lettered list (FAILED by the DLQ consumer, whose reason is also the job's error): few rows, so a
-- small partial index answers its first page however many other jobs failed.
CREATE INDEX job_dead_lettered ON job (id DESC) WHERE state = 'FAILED' AND error LIKE 'dead-lettered%';
-- Lists by queue and state (the queue filter of a state's list).
CREATE INDEX job_queue_state_id ON job (queue, state, id DESC);
