-- The dashboard's live feed reads the latest history events by time (event ids come from per-server sequence
-- blocks, so they are not in commit order). One index on the time also serves the nightly report's failure
-- count, which had a partial one of its own.
CREATE INDEX job_event_at ON job_event (at);
DROP INDEX job_event_failure_at;
