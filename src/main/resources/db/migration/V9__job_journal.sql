-- What a running handler reports of itself (docs/job-progress.md): its latest progress, and the last lines of
-- each attempt's log. Both go with their job (retention deletes the job row). An attempt is known by its dispatch
-- and number together: a requeue starts numbering again from 1, but always with a new dispatch.

CREATE TABLE job_progress (
    job_id  bigint      PRIMARY KEY REFERENCES job (id) ON DELETE CASCADE,
    dispatch integer    NOT NULL,
    attempt integer     NOT NULL,
    -- grows with every report of the job, so a report written late never replaces a newer one
    version bigint      NOT NULL,
    done    bigint      NOT NULL,
    total   bigint      NOT NULL,
    at      timestamptz NOT NULL
);

CREATE TABLE job_log (
    job_id  bigint        NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    dispatch integer      NOT NULL,
    attempt integer       NOT NULL,
    seq     integer       NOT NULL,
    at      timestamptz   NOT NULL,
    line    varchar(1024) NOT NULL,
    PRIMARY KEY (job_id, dispatch, attempt, seq)
);
