package dev.errand.it;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
 * a stop run after the start, and the minutes missed while the server was down make one catch-up run, not one
 * per missed minute. Runs in its own failsafe execution (manual container {@code errand-restart}); slow: the
 * server stays down across two due instants of an every-minute schedule.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RecurringRestartIT {

    private static final String SERVER = "errand-restart";
    private static final String ID = "it-restart-minutely";

    @ArquillianResource
    ContainerController containers;

    private final Api admin = Api.admin();

    @Test
    void aRecurringAndADelayedJobSurviveARestartAndMissedRunsCatchUpOnce() {
        containers.start(SERVER);
        try {
            assertThat(admin.put("/api/recurring-jobs/" + ID, "{\"type\":\"errand.noop\",\"cron\":\"* * * * *\"}").status())
                    .isIn(200, 201);
            long delayed = admin.enqueue("{\"type\":\"errand.noop\",\"delay\":\"PT45S\"}");
            Instant stoppedAt = Instant.now();
            containers.stop(SERVER);

            // down across at least two due instants of the every-minute schedule
            Instant twoMinutesMissed = stoppedAt.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(2));
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Instant.now().isAfter(twoMinutesMissed));
            containers.start(SERVER);
            Instant startedAt = Instant.now();

            admin.awaitState(delayed, "SUCCEEDED");
            JsonObject recurring = admin.get("/api/recurring-jobs/" + ID).json();
            assertThat(recurring.getString("cron")).isEqualTo("* * * * *");
            assertThat(Timers.countFor(ID)).isEqualTo(1);
            // the demo defines its nightly report at every start: idempotent by id, still one timer
            assertThat(Timers.countFor("nightly-report")).isEqualTo(1);
            // the next regular run after the start: by then any burst of missed runs would have happened
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> runsDue(startedAt, Instant.now().plusSeconds(3600)) >= 1);
            assertThat(runsDue(stoppedAt, startedAt)).as("runs for the instants missed while down between %s and %s: %s",
                    stoppedAt, startedAt, Database.text("SELECT string_agg(due_at || ' job ' || job_id, ', ' ORDER BY due_at)"
                            + " FROM errand.recurring_run WHERE recurring_id = ?", ID)).isEqualTo(1);
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
