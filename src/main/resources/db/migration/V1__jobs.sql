-- Errand's own schema keeps it apart from the server's tables (WildFly's timer store creates
-- jboss_ejb_timer in public at boot, before any migration runs).

-- EclipseLink takes nextval as the top of a block of allocationSize ids (so a sequence starts at that size),
-- under a lock shared by all threads of a server: large blocks keep that lock off the hot path.
CREATE SEQUENCE job_id_seq INCREMENT BY 500 START WITH 500;
CREATE SEQUENCE job_event_id_seq INCREMENT BY 1000 START WITH 1000;

CREATE TABLE job (
    id              bigint PRIMARY KEY,
    type            varchar(200) NOT NULL,
    queue           varchar(100) NOT NULL,
    args            text         NOT NULL,
    state           varchar(16)  NOT NULL,
    attempt         integer      NOT NULL DEFAULT 0,
    max_attempts    integer      NOT NULL,
    dispatch        integer      NOT NULL DEFAULT 0,
    created_at      timestamptz  NOT NULL,
    scheduled_at    timestamptz,
    started_at      timestamptz,
    finished_at     timestamptz,
    updated_at      timestamptz  NOT NULL,
    server_id       varchar(200),
    error           text,
    idempotency_key varchar(200),
    submitted_by    varchar(200)
);

-- An idempotency key is unique per submitter.
CREATE UNIQUE INDEX job_idempotency ON job (submitted_by, idempotency_key) WHERE idempotency_key IS NOT NULL;
-- Lists newest first, by state, by type, by both; cursor paging walks these from the top.
CREATE INDEX job_state_id ON job (state, id DESC);
CREATE INDEX job_type_state_id ON job (type, state, id DESC);
CREATE INDEX job_queue_id ON job (queue, id DESC);
CREATE INDEX job_submitter_id ON job (submitted_by, id DESC);
-- Recovery scans only the unfinished jobs, retention only the finished ones.
CREATE INDEX job_unfinished ON job (state, updated_at) WHERE state IN ('ENQUEUED', 'SCHEDULED', 'PROCESSING');
CREATE INDEX job_finished ON job (state, finished_at) WHERE state IN ('SUCCEEDED', 'FAILED', 'DELETED');

CREATE TABLE job_event (
    id        bigint PRIMARY KEY,
    job_id    bigint      NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    at        timestamptz NOT NULL,
    state     varchar(16) NOT NULL,
    attempt   integer     NOT NULL,
    server_id varchar(200),
    reason    text,
    exception text
);
CREATE INDEX job_event_job ON job_event (job_id, id);

-- One row per running Errand server, refreshed by its heartbeat.
CREATE TABLE server (
    id           varchar(200) PRIMARY KEY,
    host         varchar(200) NOT NULL,
    started_at   timestamptz  NOT NULL,
    heartbeat_at timestamptz  NOT NULL,
    workers      integer      NOT NULL,
    queues       varchar(1000) NOT NULL
);

-- Operators and API clients (HTTP Basic). Roles: admin, submitter.
CREATE TABLE account (
    username      varchar(200) PRIMARY KEY,
    password_hash varchar(500) NOT NULL,
    roles         varchar(200) NOT NULL,
    created_at    timestamptz  NOT NULL
);
