package dev.errand.job;

/**
 * Fired once per server start, when the schema is migrated and the recurring-job timers are reconciled: the moment
 * for an application to define its recurring jobs with {@link Jobs#recurring}, which is idempotent by id, so every
 * server of a cluster may do it at every start.
 */
public record JobsStarted() {
}
