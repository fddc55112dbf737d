package dev.errand.platform.housekeeping;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Runs one iteration of a task: logs what it did, and logs rather than propagates a failure. */
public final class HousekeepingRunner {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

    private HousekeepingRunner() {
    }

    /** @return whether the iteration completed */
    public static boolean runOnce(HousekeepingTask task) {
        long started = System.nanoTime();
        try {
            int count = task.run();
            long millis = (System.nanoTime() - started) / 1_000_000;
            LOG.log(task.logLevel(count), () -> "Housekeeping '" + task.name() + "': " + count + " in " + millis + " ms");
            return true;
        } catch (RuntimeException e) {
            // the timer must live on: the next iteration may well succeed (a database back up, a lock released)
            LOG.log(Level.WARNING, "Housekeeping '" + task.name() + "' failed; the next iteration runs as planned: " + e, e);
            return false;
        }
    }
}
