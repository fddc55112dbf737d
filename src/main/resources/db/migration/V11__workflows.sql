-- Continuations and batches with callbacks (docs/workflows.md).

-- A continuation's parents: the child waits in AWAITING until they end. after_any is the child's choice (the same on
-- all its rows): run once every parent has ended, whatever the outcome, instead of only after all succeeded.
CREATE TABLE job_dependency (
    child_id  bigint  NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    parent_id bigint  NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    after_any boolean NOT NULL DEFAULT false,
    PRIMARY KEY (child_id, parent_id)
);
-- A requeued parent finds the children its failure deleted.
CREATE INDEX job_dependency_parent ON job_dependency (parent_id);
-- The release sweep reads only the waiting jobs.
CREATE INDEX job_awaiting ON job (id) WHERE state = 'AWAITING';

CREATE SEQUENCE job_batch_id_seq;
CREATE TABLE job_batch (
    id               bigint PRIMARY KEY DEFAULT nextval('job_batch_id_seq'),
    state            varchar(16)  NOT NULL,  -- RUNNING, then COMPLETED once its callbacks were submitted
    created_at       timestamptz  NOT NULL,
    completed_at     timestamptz,
    submitted_by     varchar(200),
    total            integer      NOT NULL,
    on_success       text,                   -- the callback jobs as submitted (JSON), created at completion
    on_complete      text,
    on_success_job   bigint,
    on_complete_job  bigint
);
CREATE INDEX job_batch_running ON job_batch (id) WHERE state = 'RUNNING';

-- A batch's jobs; NULL for every other job, so the common case costs only a null column (no index entry).
ALTER TABLE job ADD COLUMN batch_id bigint;
CREATE INDEX job_batch_state ON job (batch_id, state) WHERE batch_id IS NOT NULL;
