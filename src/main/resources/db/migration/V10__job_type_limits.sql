-- Limits per job type (docs/run-control.md "Limits per job type"): settings an admin set at run time, their history,
-- and the start times a rate limit counts. A type with no row runs under its @JobType defaults, unlimited.

-- NULL in a column: the @JobType default (timeout_ms, max_attempts) or no limit (concurrency, rate). The claim step
-- locks the rows of the limited types among a message's jobs FOR UPDATE, so two nodes never both take the last slot.
CREATE TABLE job_type (
    name           varchar(200) PRIMARY KEY,
    concurrency    integer,
    rate_limit     integer,
    rate_period_ms bigint,
    timeout_ms     bigint,
    max_attempts   integer,
    updated_at     timestamptz  NOT NULL,
    updated_by     varchar(200)
);

-- Every change of a type's settings: who, when, on which node, and the settings after it (as the API shows them).
CREATE SEQUENCE job_type_event_id_seq;
CREATE TABLE job_type_event (
    id        bigint       PRIMARY KEY DEFAULT nextval('job_type_event_id_seq'),
    type      varchar(200) NOT NULL,
    at        timestamptz  NOT NULL,
    by_whom   varchar(200),
    server_id varchar(200),
    settings  text         NOT NULL
);
CREATE INDEX job_type_event_type ON job_type_event (type, id);

-- One row per start of a rate-limited type; a claim counts those within the period and deletes the older ones.
CREATE TABLE job_type_start (
    type       varchar(200) NOT NULL,
    started_at timestamptz  NOT NULL
);
CREATE INDEX job_type_start_type_at ON job_type_start (type, started_at);
