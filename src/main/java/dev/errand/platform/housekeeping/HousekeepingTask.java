package dev.errand.platform.housekeeping;

import java.time.Duration;
import java.util.logging.Level;

/**
 * A periodic chore of each server, such as the heartbeat, orphan recovery or retention. Implement it as a CDI
 * bean (e.g. {@code @ApplicationScoped}) and {@link Housekeeping} runs it on a non-persistent timer of every
 * server, one iteration at a time; an iteration that throws is logged and the next one runs as planned.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class ExpiredTokenPurge implements HousekeepingTask {
 *     public String name() { return "expired refresh tokens"; }
 *     public Duration interval() { return Duration.ofHours(1); }
 *     @Transactional public int run() { return em.createNativeQuery("DELETE ...").executeUpdate(); }
 * }
 * }</pre>
 */
public interface HousekeepingTask {

    /** Names the task in logs, and its timer. */
    String name();

    /** Time between iterations. */
    Duration interval();

    /**
     * One iteration, in its own transaction(s) (annotate it {@code @Transactional}, or open one per batch).
     *
     * @return how many things it handled, for the log
     */
    int run();

    /** Whether the first iteration runs during start-up, before the server takes work. */
    default boolean runsAtStart() {
        return false;
    }

    /** How an iteration that handled {@code count} things is logged. */
    default Level logLevel(int count) {
        return count > 0 ? Level.INFO : Level.FINE;
    }

    /** Called once when the server stops. */
    default void stop() {
    }
}
