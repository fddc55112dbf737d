package dev.errand.job.engine;

import dev.errand.job.PermanentJobFailure;
import dev.errand.platform.Config;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * What follows a failed attempt: another attempt after a back-off of {@code base × 3^(attempt-1)}, capped, with
 * ±{@code jitter} so that jobs that failed together (a database outage) do not all come back in the same second;
 * or none, when the job's attempts are spent or the failure is permanent ({@link PermanentJobFailure} anywhere
 * in the cause chain: retrying cannot help).
 */
@ApplicationScoped
public class RetryPolicy {

    /** The outcome of a failed attempt. */
    public sealed interface Decision permits Retry, GiveUp {
    }

    public record Retry(OffsetDateTime at, int nextAttempt) implements Decision {
    }

    /** @param permanent true for a permanent failure, false when no attempts are left */
    public record GiveUp(boolean permanent) implements Decision {
    }

    private final Duration base;
    private final Duration cap;
    private final double jitter;
    private final List<Class<? extends Throwable>> permanent;
    private final DoubleSupplier random;

    public RetryPolicy() {
        this(Config.getDuration("RETRY_BASE_DELAY", Duration.ofSeconds(10)),
                Config.getDuration("RETRY_MAX_DELAY", Duration.ofHours(6)), 0.2,
                List.of(PermanentJobFailure.class), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random uniform in [0, 1) */
    RetryPolicy(Duration base, Duration cap, double jitter, List<Class<? extends Throwable>> permanent,
                DoubleSupplier random) {
        this.base = base;
        this.cap = cap;
        this.jitter = jitter;
        this.permanent = List.copyOf(permanent);
        this.random = random;
    }

    /**
     * @param failedAttempt the number of the attempt that failed (1 for the first)
     * @param maxAttempts   the job's limit
     * @param now           when it failed
     */
    public Decision afterFailure(int failedAttempt, int maxAttempts, Throwable failure, OffsetDateTime now) {
        if (isPermanent(failure)) {
            return new GiveUp(true);
        }
        if (failedAttempt >= maxAttempts) {
            return new GiveUp(false);
        }
        return new Retry(now.plus(delay(failedAttempt)).truncatedTo(ChronoUnit.MILLIS), failedAttempt + 1);
    }

    /** The back-off before the attempt after {@code failedAttempt}: never zero, at most the cap plus jitter. */
    public Duration delay(int failedAttempt) {
        double factor = Math.pow(3, Math.max(0, failedAttempt - 1));
        double millis = Math.min(base.toMillis() * factor, cap.toMillis());
        double spread = 1 - jitter + 2 * jitter * random.getAsDouble();
        return Duration.ofMillis(Math.max(1, Math.round(millis * spread)));
    }

    public boolean isPermanent(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            for (Class<? extends Throwable> type : permanent) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
        }
        return false;
    }
}
