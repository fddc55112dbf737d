package dev.errand.job.engine;

import dev.errand.platform.Config;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * The one rule for attempt timeouts, of {@code @JobType(timeout)} and of a submission's {@code timeout}: an
 * ISO-8601 duration or whole seconds, from 1 s up to {@code ERRAND_MAX_TIMEOUT} (5 minutes: WildFly's default
 * transaction timeout, which a handler's transaction cannot outlive anyway). docs/run-control.md.
 */
public final class Timeouts {

    public static final Duration MIN = Duration.ofSeconds(1);
    public static final Duration MAX = Config.getDuration("MAX_TIMEOUT", Duration.ofMinutes(5));
    public static final String RULE = "an ISO-8601 duration or whole seconds between " + MIN + " and " + MAX;

    private Timeouts() {
    }

    /** {@code "PT30S"} or {@code "30"}; {@code null} when it is neither. */
    public static Duration parse(String text) {
        String t = text.trim();
        try {
            if (t.matches("[0-9]{1,12}")) {
                return Duration.ofSeconds(Long.parseLong(t));
            }
            return Duration.parse(t);
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    public static boolean inRange(Duration timeout) {
        return timeout.compareTo(MIN) >= 0 && timeout.compareTo(MAX) <= 0;
    }
}
