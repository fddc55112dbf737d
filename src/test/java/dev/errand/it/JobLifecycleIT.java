package dev.errand.it;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** A job's life as a REST client sees it: states, history, retries, failure, requeue, delete, delay. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JobLifecycleIT {

    private final Api admin = Api.admin();

    @Test
    void anEnqueuedJobSucceedsAndItsHistoryShowsEveryState() {
        Api.Response created = admin.post("/api/jobs", "{\"type\":\"errand.noop\"}");
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().getJsonNumber("id").longValue();
        assertThat(created.header("Location")).endsWith("/api/jobs/" + id);

        JsonObject job = admin.awaitState(id, "SUCCEEDED");

        assertThat(Api.states(job)).containsExactly("ENQUEUED", "PROCESSING", "SUCCEEDED");
        assertThat(job.getString("type")).isEqualTo("errand.noop");
        assertThat(job.getString("queue")).isEqualTo("default");
        assertThat(job.getInt("attempt")).isEqualTo(1);
        assertThat(job.getString("server")).isNotBlank();
        assertThat(Instant.parse(job.getString("finishedAt"))).isAfterOrEqualTo(Instant.parse(job.getString("startedAt")));
        assertThat(job.isNull("error")).isTrue();
    }

    @Test
    void failuresAreRetriedVisiblyUntilTheJobSucceeds() {
        long id = admin.enqueue("{\"type\":\"errand.fail\",\"args\":{\"failures\":2,\"message\":\"flaky\"}}");

        JsonObject job = admin.awaitState(id, "SUCCEEDED");

        assertThat(Api.states(job)).containsExactly("ENQUEUED",
                "PROCESSING", "SCHEDULED", "PROCESSING", "SCHEDULED", "PROCESSING", "SUCCEEDED");
        assertThat(job.getInt("attempt")).isEqualTo(3);
        List<JsonObject> retries = events(job, "SCHEDULED");
        assertThat(retries).allSatisfy(e -> {
            assertThat(e.getString("reason")).contains("flaky");
            assertThat(e.getString("exception")).contains("java.lang.IllegalStateException");
        });
    }

    @Test
    void aJobThatKeepsFailingEndsFailedWithItsException() {
        long id = admin.enqueue("{\"type\":\"errand.fail\",\"maxAttempts\":2,"
                + "\"args\":{\"failures\":5,\"message\":\"always broken\"}}");

        JsonObject job = admin.awaitState(id, "FAILED");

        assertThat(Api.states(job)).containsExactly("ENQUEUED", "PROCESSING", "SCHEDULED", "PROCESSING", "FAILED");
        assertThat(job.getInt("attempt")).isEqualTo(2);
        assertThat(job.getString("error")).contains("IllegalStateException").contains("always broken");
        JsonObject failed = events(job, "FAILED").get(0);
        assertThat(failed.getString("reason")).contains("no attempts left");
        assertThat(failed.getString("exception")).contains("dev.errand.job.builtin.Fail.run(Fail.java");
    }

    @Test
    void aFailedJobCanBeRequeuedWithAFreshSeriesOfAttempts() {
        long id = admin.enqueue("{\"type\":\"errand.fail\",\"maxAttempts\":1,\"args\":{\"failures\":1}}");
        admin.awaitState(id, "FAILED");

        Api.Response requeued = admin.post("/api/jobs/" + id + "/requeue", "");
        assertThat(requeued.status()).isEqualTo(200);

        // attempt numbering restarts, so errand.fail (one planned failure) fails again on attempt 1
        JsonObject job = admin.awaitJob(id, j -> Api.states(j).size() == 6 && j.getString("state").equals("FAILED"));
        assertThat(Api.states(job)).containsExactly("ENQUEUED", "PROCESSING", "FAILED",
                "ENQUEUED", "PROCESSING", "FAILED");
        assertThat(events(job, "ENQUEUED").get(1).getString("reason")).contains("requeued by admin");
        assertThat(job.getInt("attempt")).isEqualTo(1);
    }

    @Test
    void aRunningJobCannotBeRequeued() {
        long id = admin.enqueue("{\"type\":\"errand.sleep\",\"args\":{\"millis\":60000}}");
        admin.awaitState(id, "PROCESSING");

        Api.Response refused = admin.post("/api/jobs/" + id + "/requeue", "");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        admin.delete("/api/jobs/" + id);
    }

    @Test
    void deletingARunningJobStopsItAndTheDeleteWins() {
        long id = admin.enqueue("{\"type\":\"errand.sleep\",\"args\":{\"millis\":60000}}");
        admin.awaitState(id, "PROCESSING");

        assertThat(admin.delete("/api/jobs/" + id).status()).isEqualTo(200);

        JsonObject job = admin.awaitJob(id, j -> j.getJsonArray("history").size() == 4);
        assertThat(job.getString("state")).isEqualTo("DELETED");
        assertThat(Api.states(job)).containsExactly("ENQUEUED", "PROCESSING", "DELETED", "DELETED");
        assertThat(job.getJsonArray("history").getJsonObject(3).getString("reason"))
                .contains("after the job left PROCESSING");
    }

    @Test
    void aDeletedScheduledJobNeverRuns() {
        // due soon enough to wait for, late enough that the delete below comes first even on a loaded machine
        long id = admin.enqueue("{\"type\":\"errand.noop\",\"delay\":\"PT5S\"}");
        JsonObject scheduled = admin.job(id);
        assertThat(scheduled.getString("state")).isEqualTo("SCHEDULED");

        assertThat(admin.delete("/api/jobs/" + id).status()).isEqualTo(200);
        assertThat(admin.delete("/api/jobs/" + id).status()).as("delete is idempotent").isEqualTo(200);

        // A job due just after the deleted one: once it has run, the deleted one's time has passed too.
        Instant due = Instant.parse(scheduled.getString("scheduledAt")).plusSeconds(1);
        long sentinel = admin.enqueue("{\"type\":\"errand.noop\",\"runAt\":\"" + due + "\"}");
        admin.awaitState(sentinel, "SUCCEEDED");

        JsonObject job = admin.job(id);
        assertThat(Api.states(job)).containsExactly("SCHEDULED", "DELETED");
        assertThat(job.getInt("attempt")).isZero();
    }

    @Test
    void aDelayedJobWaitsForItsTime() {
        Instant before = Instant.now();
        long id = admin.enqueue("{\"type\":\"errand.noop\",\"delay\":\"PT3S\"}");
        Instant after = Instant.now();
        JsonObject waiting = admin.job(id);
        assertThat(waiting.getString("state")).isEqualTo("SCHEDULED");
        Instant scheduledAt = Instant.parse(waiting.getString("scheduledAt"));
        // server and test share this machine's clock: due 3 s after some moment of the request
        assertThat(scheduledAt).isBetween(before.plusSeconds(3).minusMillis(5), after.plusSeconds(3).plusMillis(5));

        JsonObject job = admin.awaitState(id, "SUCCEEDED");

        assertThat(Instant.parse(job.getString("startedAt"))).isAfterOrEqualTo(scheduledAt);
        assertThat(Api.states(job)).containsExactly("SCHEDULED", "PROCESSING", "SUCCEEDED");
    }

    static List<JsonObject> events(JsonObject job, String state) {
        return job.getJsonArray("history").stream().map(v -> v.asJsonObject())
                .filter(e -> e.getString("state").equals(state)).toList();
    }
}
