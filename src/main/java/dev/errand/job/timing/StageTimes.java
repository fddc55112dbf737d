package dev.errand.job.timing;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Histograms of how long each {@link Stage} took on this server since it started: a fixed set of buckets, updated
 * with {@link LongAdder}s so that recording costs a few nanoseconds and no lock on the workers' path. Static, not a
 * bean, because the JMS send and the servlet filter record into it from where no injection reaches cheaply.
 */
public final class StageTimes {

    /** Upper bounds of the buckets, in seconds (Prometheus {@code le}). */
    public static final List<Double> BOUNDS = List.of(0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075,
            0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0);

    private static final long[] BOUNDS_NANOS = BOUNDS.stream().mapToLong(s -> Math.round(s * 1e9)).toArray();
    private static final Map<Stage, Histogram> HISTOGRAMS = new EnumMap<>(Stage.class);

    static {
        for (Stage stage : Stage.values()) {
            HISTOGRAMS.put(stage, new Histogram());
        }
    }

    private StageTimes() {
    }

    /**
     * Records a stage that began at {@code startNanos} ({@link System#nanoTime()}) and ends now.
     *
     * @return the stage's duration in nanoseconds
     */
    public static long since(Stage stage, long startNanos) {
        long nanos = System.nanoTime() - startNanos;
        record(stage, nanos);
        return nanos;
    }

    public static void record(Stage stage, long nanos) {
        HISTOGRAMS.get(stage).add(Math.max(0, nanos));
    }

    /** Wall-clock microseconds since the epoch: the only clock two processes (sender and worker) share. */
    public static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    public static Snapshot snapshot(Stage stage) {
        return HISTOGRAMS.get(stage).snapshot();
    }

    /** @param buckets non-cumulative counts per bound, the last for values above every bound */
    public record Snapshot(long[] buckets, long count, double sumSeconds) {
        public long cumulative(int upTo) {
            long total = 0;
            for (int i = 0; i <= upTo; i++) {
                total += buckets[i];
            }
            return total;
        }
    }

    private static final class Histogram {
        private final LongAdder[] buckets = new LongAdder[BOUNDS_NANOS.length + 1];
        private final LongAdder sumNanos = new LongAdder();

        Histogram() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void add(long nanos) {
            int i = 0;
            while (i < BOUNDS_NANOS.length && nanos > BOUNDS_NANOS[i]) {
                i++;
            }
            buckets[i].increment();
            sumNanos.add(nanos);
        }

        Snapshot snapshot() {
            long[] counts = new long[buckets.length];
            long total = 0;
            for (int i = 0; i < counts.length; i++) {
                counts[i] = buckets[i].sum();
                total += counts[i];
            }
            // the count from the buckets read, so that the +Inf bucket and the count agree as Prometheus requires
            return new Snapshot(counts, total, sumNanos.sum() / 1e9);
        }
    }
}
