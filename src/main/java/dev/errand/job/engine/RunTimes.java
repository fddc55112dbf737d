package dev.errand.job.engine;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * How long an attempt of each job type has lately run on this server, so that {@link JobDispatcher} puts only
 * short jobs together in one message (docs/DESIGN.md §4 "Chunks"). A worker runs a message's jobs one after the
 * other, so twenty report jobs of ten minutes in one message would keep one worker busy for over three hours
 * while the others idle, and hold a more urgent message back until it is done.
 *
 * <p>The estimate rises at once towards a slower attempt and falls slowly after faster ones: a type that turns slow
 * (a mail server timing out) stops being chunked after its first slow attempts, one that is fast now and then is
 * not chunked on that account. Kept in memory per server: every server learns from its own runs within seconds.
 */
@ApplicationScoped
public class RunTimes {

    /** What a type never run here is expected to take: too long to share a message. */
    public static final long UNKNOWN = Long.MAX_VALUE;

    private final ConcurrentMap<String, Long> micros = new ConcurrentHashMap<>();

    /** @param nanos how long one attempt's handler ran, its transaction included */
    public void record(String type, long nanos) {
        long sample = Math.max(0, nanos / 1_000);
        micros.merge(type, sample, RunTimes::next);
    }

    /** The expected run time of an attempt of this type in microseconds, or {@link #UNKNOWN}. */
    public long expectedMicros(String type) {
        return micros.getOrDefault(type, UNKNOWN);
    }

    static long next(long estimate, long sample) {
        return sample > estimate ? (estimate + sample + 1) / 2 : (estimate * 7 + sample) / 8;
    }
}
