package dev.errand.it;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Persistent timers and scheduled messages outlive the server: a recurring job and a delayed job defined before
 * a stop run after the start, and the instants missed while the server was down make at most one catch-up run,
 * not one per missed instant. Runs in its own failsafe execution (manual container {@code errand-restart}); an
 * every-5-seconds schedule keeps the downtime short.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RecurringRestartIT {

    private static final String SERVER = "errand-restart";
    private static final String ID = "it-restart-every-5s";
    private static final String CRON = "*/5 * * * * *";

    @ArquillianResource
    ContainerController containers;

    private final Api admin = Api.admin();

    @Test
    void aRecurringAndADelayedJobSurviveARestartAndMissedRunsCatchUpOnce() {
        containers.start(SERVER);
        try {
            assertThat(admin.put("/api/recurring-jobs/" + ID, "{\"type\":\"errand.noop\",\"cron\":\"" + CRON + "\"}").status())
                    .isIn(200, 201);
            long delayed = admin.enqueue("{\"type\":\"errand.noop\",\"delay\":\"PT5S\"}");
            containers.stop(SERVER);
            Instant stoppedAt = Instant.now(); // no run can be recorded from here until the start

            // down across at least three due instants (and the delayed job's due time)
            Instant threeMissed = stoppedAt.plusSeconds(16);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Instant.now().isAfter(threeMissed));
            Instant restarting = Instant.now();
            containers.start(SERVER);
            Instant startedAt = Instant.now();

            admin.awaitState(delayed, "SUCCEEDED");
            JsonObject recurring = admin.get("/api/recurring-jobs/" + ID).json();
            assertThat(recurring.getString("cron")).isEqualTo(CRON);
            assertThat(Timers.countFor(ID)).isEqualTo(1);
            // the demo defines its nightly report at every start: idempotent by id, still one timer
            assertThat(Timers.countFor("nightly-report")).isEqualTo(1);
            // regular runs resume after the start; a burst of catch-up runs would have happened before them
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> runsDue(startedAt, Instant.now().plusSeconds(3600)) >= 1);
            assertThat(runsDue(stoppedAt, restarting)).as("runs for the instants missed while down between %s and %s: %s",
                    stoppedAt, restarting, Database.text("SELECT string_agg(due_at || ' job ' || job_id, ', ' ORDER BY due_at)"
                            + " FROM errand.recurring_run WHERE recurring_id = ?", ID)).isLessThanOrEqualTo(1);
            JsonObject last = admin.get("/api/recurring-jobs/" + ID).json();
            admin.awaitState(last.getJsonNumber("lastJobId").longValue(), "SUCCEEDED");
        } finally {
            admin.delete("/api/recurring-jobs/" + ID);
            containers.stop(SERVER);
        }
    }

    private static long runsDue(Instant after, Instant until) {
        return Database.count("SELECT COUNT(*) FROM errand.recurring_run WHERE recurring_id = ? AND due_at > ? AND due_at <= ?",
                ID, OffsetDateTime.ofInstant(after, ZoneOffset.UTC), OffsetDateTime.ofInstant(until, ZoneOffset.UTC));
    }
}
