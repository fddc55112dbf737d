-- Tracing (docs/tracing.md): the W3C traceparent current when the job was submitted, the parent of each attempt's
-- span; 55 characters (version, trace id, span id, flags). Null for a job submitted outside any trace.
ALTER TABLE job ADD COLUMN trace_parent varchar(55);
