-- Several nodes on one database (docs/nodes.md).

-- A server row is one running instance (new at every start, so orphan recovery tells a restarted node's old
-- attempts from its new ones); node_id is the configured ERRAND_NODE_ID that operators know it by.
ALTER TABLE server ADD COLUMN node_id varchar(200);
UPDATE server SET node_id = id;
-- Attempts running on the instance right now (the heartbeat's sample), beside its worker capacity.
ALTER TABLE server ADD COLUMN running integer NOT NULL DEFAULT 0;

-- job.server_id and job_event.server_id name the node; the instance that ran or wrote it is kept beside them.
-- Rows written before this migration named the instance in server_id, which orphan recovery still reads.
ALTER TABLE job ADD COLUMN server_instance varchar(200);
ALTER TABLE job_event ADD COLUMN server_instance varchar(200);

-- A job's history in time order whichever nodes wrote it (event ids come in per-node sequence blocks):
-- ordered by (at, id); this index also serves the foreign key's cascade, as job_event_job did.
CREATE INDEX job_event_job_at ON job_event (job_id, at, id);
DROP INDEX job_event_job;

-- When a recurring job's timer was last created or replaced, set in the transaction that did so under the
-- definition's row lock: start-up never creates a timer for a definition a node has already timed (a node's
-- view of the timer store may not show another node's new timer yet). Definitions of earlier versions have theirs.
ALTER TABLE recurring_job ADD COLUMN timer_set_at timestamptz;
UPDATE recurring_job SET timer_set_at = updated_at;
