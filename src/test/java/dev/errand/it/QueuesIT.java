package dev.errand.it;

import static dev.errand.it.SubmissionIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Run control over REST (docs/run-control.md): pausing and resuming queues, GET /api/queues, attempt timeouts. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class QueuesIT {

    private final Api admin = Api.admin();

    @Test
    void aPausedQueueHoldsItsJobsWhileAnotherQueueRunsAndResumeDrainsIt() {
        String paused = unique("held");
        String other = unique("busy");
        Api.Response pause = admin.post("/api/queues/" + paused + "/pause", "");
        assertThat(pause.status()).as(pause.body()).isEqualTo(200);
        assertThat(pause.json().getBoolean("changed")).isTrue();
        assertThat(pause.json().getJsonObject("queue").getBoolean("paused")).isTrue();

        List<Long> held = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Api.Response created = admin.post("/api/jobs", "{\"type\":\"errand.noop\",\"queue\":\"" + paused + "\"}");
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.json().getString("state")).isEqualTo("ENQUEUED");
            held.add(created.json().getJsonNumber("id").longValue());
        }
        List<Long> running = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            running.add(admin.enqueue("{\"type\":\"errand.noop\",\"queue\":\"" + other + "\"}"));
        }

        running.forEach(id -> admin.awaitState(id, "SUCCEEDED"));
        // Their messages arrived and were acknowledged: each job says why it waits.
        held.forEach(id -> admin.awaitJob(id, job -> reasons(job).stream().anyMatch(r -> r.contains("is paused"))));
        // The figure: held for 30 s while the other queue keeps running.
        await().during(Duration.ofSeconds(30)).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> held.stream().map(admin::job).allMatch(job -> job.getString("state").equals("ENQUEUED")
                        && !Api.states(job).contains("PROCESSING")));
        // ... and the other queue still runs beside it.
        admin.awaitState(admin.enqueue("{\"type\":\"errand.noop\",\"queue\":\"" + other + "\"}"), "SUCCEEDED");
        JsonObject queue = queue(paused).orElseThrow();
        assertThat(queue.getJsonNumber("depth").longValue()).isEqualTo(5);
        assertThat(queue.getJsonNumber("running").longValue()).isZero();
        assertThat(queue.getBoolean("paused")).isTrue();

        Api.Response resume = admin.post("/api/queues/" + paused + "/resume", "");
        assertThat(resume.status()).as(resume.body()).isEqualTo(200);
        assertThat(resume.json().getBoolean("changed")).isTrue();
        assertThat(resume.json().getInt("released")).isEqualTo(5);

        for (long id : held) {
            JsonObject job = admin.awaitState(id, "SUCCEEDED");
            assertThat(reasons(job)).anyMatch(r -> r.contains("queue '" + paused + "' resumed by admin"));
        }
        JsonObject single = admin.get("/api/queues/" + paused).json();
        assertThat(single.getBoolean("paused")).isFalse();
        assertThat(single.getString("changedBy")).isEqualTo("admin");
        assertThat(single.getJsonArray("events")).extracting(e -> e.asJsonObject().getString("action"))
                .containsExactly("RESUMED", "PAUSED");
    }

    @Test
    void queuesListsDepthPausedFlagAndConsumingServers() {
        String name = unique("listed");
        admin.post("/api/queues/" + name + "/pause", "");
        admin.enqueue("{\"type\":\"errand.noop\",\"queue\":\"" + name + "\"}");
        admin.enqueue("{\"type\":\"errand.noop\",\"queue\":\"" + name + "\",\"delay\":\"PT1H\"}");

        JsonObject queue = queue(name).orElseThrow();

        assertThat(queue.getJsonNumber("depth").longValue()).isEqualTo(2);
        assertThat(queue.getBoolean("paused")).isTrue();
        assertThat(queue.getJsonArray("servers")).isNotEmpty();
        assertThat(queue.getJsonArray("servers").getJsonObject(0).getString("node")).isNotBlank();
        String unknown = unique("never-used");
        assertThat(queue(unknown)).isEmpty();
        admin.post("/api/queues/" + name + "/resume", "");
    }

    @Test
    void pausingTwiceChangesNothingAndOnlyAdminsMayPause() {
        String name = unique("twice");
        assertThat(admin.post("/api/queues/" + name + "/pause", "").json().getBoolean("changed")).isTrue();
        assertThat(admin.post("/api/queues/" + name + "/pause", "").json().getBoolean("changed")).isFalse();
        assertThat(admin.post("/api/queues/" + name + "/resume", "").json().getBoolean("changed")).isTrue();
        assertThat(admin.post("/api/queues/" + name + "/resume", "").json().getBoolean("changed")).isFalse();

        assertThat(Api.submitter("queues-submitter").post("/api/queues/" + name + "/pause", "").status()).isEqualTo(403);
        assertThat(Api.anonymous().get("/api/queues").status()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a%20b", "semi%3Bcolon", "x%C3%A9"})
    void aBadQueueNameIsAProblem(String name) {
        assertProblem(admin.post("/api/queues/" + name + "/pause", ""), 400, "name");
        assertProblem(admin.get("/api/queues/" + name), 400, "name");
    }

    @Test
    void anAttemptPastItsTimeoutFailsAndIsRetriedUntilNoneAreLeft() {
        long id = admin.enqueue("{\"type\":\"errand.sleep\",\"args\":{\"millis\":60000},\"timeout\":\"PT2S\","
                + "\"maxAttempts\":2}");

        JsonObject job = admin.awaitState(id, "FAILED");

        assertThat(Api.states(job)).containsExactly("ENQUEUED", "PROCESSING", "SCHEDULED", "PROCESSING", "FAILED");
        assertThat(job.getString("error")).isEqualTo("timed out after PT2S");
        assertThat(reasons(job)).anyMatch(r -> r.startsWith("attempt 1 failed: timed out after PT2S; attempt 2 of 2"))
                .anyMatch(r -> r.equals("attempt 2 failed; no attempts left: timed out after PT2S"));
    }

    @Test
    void aJobWithinItsTimeoutSucceeds() {
        long id = admin.enqueue("{\"type\":\"errand.sleep\",\"args\":{\"millis\":10},\"timeout\":30}");

        assertThat(Api.states(admin.awaitState(id, "SUCCEEDED"))).containsExactly("ENQUEUED", "PROCESSING", "SUCCEEDED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"PT0.5S\"", "\"PT1H\"", "0", "86400", "\"soon\"", "1.5", "true", "\"-PT5S\""})
    void aTimeoutOutOfRangeIs422(String timeout) {
        long before = Database.jobCount();

        assertProblem(admin.post("/api/jobs", "{\"type\":\"errand.noop\",\"timeout\":" + timeout + "}"), 422, "timeout");
        assertThat(Database.jobCount()).isEqualTo(before);
    }

    private Optional<JsonObject> queue(String name) {
        Api.Response list = admin.get("/api/queues");
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        return list.array().stream().map(JsonValue::asJsonObject).filter(q -> q.getString("name").equals(name))
                .findFirst();
    }

    private static List<String> reasons(JsonObject job) {
        return job.getJsonArray("history").stream().map(e -> e.asJsonObject())
                .filter(e -> !e.isNull("reason")).map(e -> e.getString("reason")).toList();
    }

    private static String unique(String prefix) {
        return "it-" + prefix + "-" + Long.toString(System.nanoTime(), 36);
    }
}
