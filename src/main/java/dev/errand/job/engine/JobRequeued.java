package dev.errand.job.engine;

import java.time.OffsetDateTime;

/**
 * Fired synchronously in the transaction of a requeue, so that observers outside the engine (continuations,
 * docs/workflows.md) act on it atomically without the engine depending on them.
 */
public record JobRequeued(long jobId, OffsetDateTime at) {
}
