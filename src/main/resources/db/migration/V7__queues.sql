-- Run control (docs/run-control.md): paused queues, their history, and a job's own timeout.

-- A queue that has been paused at least once. The claim step reads `paused` (FOR KEY SHARE) for the queues of the
-- jobs it is about to start; pause and resume lock the row FOR UPDATE first, so a claim that saw the old value has
-- committed before a pause or resume returns. A name with no row is a running queue.
CREATE TABLE queue (
    name       varchar(100) PRIMARY KEY,
    paused     boolean      NOT NULL,
    updated_at timestamptz  NOT NULL,
    updated_by varchar(200)
);

-- Every pause and resume: who, when, on which node.
CREATE SEQUENCE queue_event_id_seq;
CREATE TABLE queue_event (
    id        bigint       PRIMARY KEY DEFAULT nextval('queue_event_id_seq'),
    queue     varchar(100) NOT NULL,
    action    varchar(16)  NOT NULL,
    at        timestamptz  NOT NULL,
    by_whom   varchar(200),
    server_id varchar(200),
    jobs      integer
);
CREATE INDEX queue_event_queue ON queue_event (queue, id);

-- The unfinished jobs of one queue by state: GET /api/queues counts them with an index-only scan, resume walks a
-- queue's held jobs in id order, recovery skips paused queues. Finished jobs are not in it, so it stays small.
CREATE INDEX job_queue_unfinished ON job (queue, state, id) WHERE state IN ('ENQUEUED', 'SCHEDULED', 'PROCESSING');

-- A job's own limit on each attempt's run time in milliseconds; NULL means its type's (@JobType(timeout)), if any.
ALTER TABLE job ADD COLUMN timeout_ms bigint;
