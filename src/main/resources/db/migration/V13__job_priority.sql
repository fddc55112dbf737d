-- Priorities (docs/run-control.md): 0 (lowest) to 9 (highest), 4 by default. The priority travels as the job
-- message's JMS priority, so the broker hands a waiting higher-priority message out first; nothing in the database
-- orders by it, hence no index. A constant default: PostgreSQL adds the column without rewriting the table.
ALTER TABLE job ADD COLUMN priority smallint NOT NULL DEFAULT 4;
ALTER TABLE job ADD CONSTRAINT job_priority_range CHECK (priority BETWEEN 0 AND 9);
