package dev.errand.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds message delivery until the schema is migrated: a server may start its message-driven beans before
 * the start-up singleton that runs the migrations has finished.
 */
@ApplicationScoped
public class SchemaReadiness {

    private final CountDownLatch ready = new CountDownLatch(1);

    public void markReady() {
        ready.countDown();
    }

    public boolean isReady() {
        return ready.getCount() == 0;
    }

    /** @throws IllegalStateException after five minutes: the delivery rolls back and the broker retries it */
    public void await() {
        if (isReady()) {
            return;
        }
        try {
            if (!ready.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("Errand did not finish starting in 5 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for start-up", e);
        }
    }
}
