-- Recurring jobs: one row per definition; a persistent EJB calendar timer per row fires it (RecurringTimers).
CREATE TABLE recurring_job (
    id             varchar(100) PRIMARY KEY,
    type           varchar(200) NOT NULL,
    args           text         NOT NULL,
    cron           varchar(200) NOT NULL,
    time_zone      varchar(100) NOT NULL,
    -- runs are due from this instant on (the last change of cron or zone): a timer never runs a definition
    -- for an instant before it existed
    schedule_since timestamptz  NOT NULL,
    created_at     timestamptz  NOT NULL,
    updated_at     timestamptz  NOT NULL,
    last_run       timestamptz,
    last_job_id    bigint
);

-- At most one run per recurring job and due instant, whatever the timers do (a catch-up after downtime, a
-- second node, a timer fired twice). No foreign key to job: retention deletes jobs, the run record stays.
CREATE TABLE recurring_run (
    recurring_id varchar(100) NOT NULL REFERENCES recurring_job (id) ON DELETE CASCADE,
    due_at       timestamptz  NOT NULL,
    job_id       bigint       NOT NULL,
    PRIMARY KEY (recurring_id, due_at)
);
CREATE INDEX recurring_run_due ON recurring_run (due_at);
