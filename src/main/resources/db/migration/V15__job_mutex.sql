-- Mutex keys (docs/run-control.md "Mutex keys"): the value of its type's @JobType(mutex) member in a job's args,
-- computed at submission. NULL for a job of a type without a mutex (all jobs stored before this migration).
ALTER TABLE job ADD COLUMN mutex_key varchar(200);

-- The job that holds a key: the claim step looks it up for each keyed job it is about to start, recovery before
-- it sends a keyed job again. Only running keyed jobs are in it, so it stays as small as the running jobs.
-- UNIQUE as a last guard: the claim's advisory lock already admits one PROCESSING job per key; were that ever
-- wrong, the database refuses the second claim (the delivery rolls back) instead of letting two run.
CREATE UNIQUE INDEX job_mutex_running ON job (type, mutex_key) WHERE state = 'PROCESSING' AND mutex_key IS NOT NULL;

-- The jobs waiting for a key, oldest first: the end of its holder sends the oldest one's message again.
CREATE INDEX job_mutex_waiting ON job (type, mutex_key, id)
    WHERE state IN ('ENQUEUED', 'SCHEDULED') AND mutex_key IS NOT NULL;
