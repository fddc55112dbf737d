package dev.errand.job.engine;

import dev.errand.platform.Config;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delay before the next attempt: {@code base × 3^(attempt-1)}, capped, with ±20 % jitter so that jobs that
 * failed together (a database outage) do not all come back in the same second.
 */
@ApplicationScoped
public class Backoff {

    private final Duration base = Config.getDuration("RETRY_BASE_DELAY", Duration.ofSeconds(10));
    private final Duration max = Config.getDuration("RETRY_MAX_DELAY", Duration.ofHours(6));

    public Duration after(int failedAttempt) {
        return delay(base, max, failedAttempt, ThreadLocalRandom.current().nextDouble());
    }

    /** @param random uniform in [0, 1) */
    static Duration delay(Duration base, Duration max, int failedAttempt, double random) {
        double factor = Math.pow(3, Math.max(0, failedAttempt - 1));
        double millis = Math.min(base.toMillis() * factor, max.toMillis());
        double jitter = 0.8 + 0.4 * random;
        return Duration.ofMillis(Math.max(1, Math.round(millis * jitter)));
    }
}
