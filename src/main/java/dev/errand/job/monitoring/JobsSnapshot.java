package dev.errand.job.monitoring;

import dev.errand.job.JobState;
import java.util.List;
import java.util.Map;

/**
 * What {@link JobsMonitor} read from the counters in the database (V8__job_metrics.sql).
 *
 * @param byState            job counts by state (every state present)
 * @param byTypeAndState     job counts by type, then state (only pairs that exist)
 * @param durations          run time of finished jobs, per type
 * @param retries            attempts beyond the first, over the jobs still stored
 * @param deadLettered       jobs the broker gave up on (moved to the dead-letter queue)
 */
public record JobsSnapshot(Map<JobState, Long> byState, Map<String, Map<JobState, Long>> byTypeAndState,
                    long succeededLastMinute, long failedLastMinute, double oldestEnqueuedAgeSeconds,
                    Map<String, Durations> durations, long retries, long deadLettered, int workersBusy) {

    /** Upper bounds (seconds) of the duration histogram's buckets. */
    public static final List<Double> BUCKETS = List.of(0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0, 60.0, 300.0);

    /** @param cumulative count of runs at most as long as each of {@link #BUCKETS} */
    public record Durations(long[] cumulative, long count, double sumSeconds) {
    }
}
