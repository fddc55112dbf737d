package dev.errand.it;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Continuations and batches with callbacks, black-box (docs/workflows.md). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WorkflowsIT {

    private final Api admin = Api.admin();

    @Test
    void aChildWaitsForItsParentAndRunsAfterIt() {
        long parent = admin.enqueue("{\"type\":\"errand.sleep\",\"args\":{\"millis\":1500}}");
        long child = admin.enqueue("{\"type\":\"errand.noop\",\"after\":[" + parent + "]}");

        JsonObject done = admin.awaitState(child, "SUCCEEDED");

        assertThat(Api.states(done)).containsExactly("AWAITING", "ENQUEUED", "PROCESSING", "SUCCEEDED");
        Instant parentSucceeded = at(admin.job(parent), "SUCCEEDED");
        assertThat(at(done, "PROCESSING")).isAfterOrEqualTo(parentSucceeded);
        assertThat(event(done, "ENQUEUED").getString("reason")).contains("released").contains(String.valueOf(parent));
    }

    @Test
    void aChildOfAParentThatAlreadySucceededIsEnqueuedAtOnce() {
        long parent = admin.enqueue("{\"type\":\"errand.noop\"}");
        admin.awaitState(parent, "SUCCEEDED");

        long child = admin.enqueue("{\"type\":\"errand.noop\",\"after\":[" + parent + "]}");

        assertThat(Api.states(admin.awaitState(child, "SUCCEEDED"))).containsExactly("ENQUEUED", "PROCESSING", "SUCCEEDED");
    }

    @Test
    void aFailedParentDeletesItsChildNamingTheParent() {
        long parent = admin.enqueue("{\"type\":\"errand.fail\",\"maxAttempts\":1,\"args\":{\"failures\":1}}");
        long child = admin.enqueue("{\"type\":\"errand.noop\",\"after\":[" + parent + "]}");

        JsonObject deleted = admin.awaitState(child, "DELETED");

        assertThat(admin.job(parent).getString("state")).isEqualTo("FAILED");
        assertThat(Api.states(deleted)).containsExactly("AWAITING", "DELETED");
        assertThat(deleted.getString("error")).isEqualTo("parent " + parent + " ended FAILED");
        assertThat(event(deleted, "DELETED").getString("reason")).contains("parent " + parent + " ended FAILED");
    }

    @Test
    void withAfterAnyAChildRunsAfterAFailedParent() {
        long parent = admin.enqueue("{\"type\":\"errand.fail\",\"maxAttempts\":1,\"args\":{\"failures\":1}}");
        long child = admin.enqueue("{\"type\":\"errand.noop\",\"afterAny\":true,\"after\":[" + parent + "]}");

        JsonObject done = admin.awaitState(child, "SUCCEEDED");

        assertThat(event(done, "ENQUEUED").getString("reason")).contains(parent + " FAILED");
    }

    @Test
    void requeueingTheParentThatDeletedAChildReleasesIt() {
        // a parent due in an hour, deleted: the child goes with it; the requeue runs the parent now, and it succeeds
        long parent = admin.enqueue("{\"type\":\"errand.noop\",\"delay\":\"PT1H\"}");
        long child = admin.enqueue("{\"type\":\"errand.noop\",\"after\":[" + parent + "]}");
        assertThat(admin.delete("/api/jobs/" + parent).status()).isEqualTo(200);
        assertThat(admin.awaitState(child, "DELETED").getString("error")).isEqualTo("parent " + parent + " ended DELETED");

        assertThat(admin.post("/api/jobs/" + parent + "/requeue", "").status()).isEqualTo(200);

        JsonObject done = admin.awaitState(child, "SUCCEEDED");
        assertThat(Api.states(done)).containsExactly("AWAITING", "DELETED", "AWAITING", "ENQUEUED", "PROCESSING",
                "SUCCEEDED");
        assertThat(at(done, "PROCESSING")).isAfterOrEqualTo(at(admin.job(parent), "SUCCEEDED"));
    }

    @Test
    void anUnknownParentIsRefusedAndNothingIsStored() {
        String queue = "wf-" + UUID.randomUUID().toString().substring(0, 8);
        long existing = admin.enqueue("{\"type\":\"errand.noop\"}");

        Api.Response refused = admin.post("/api/jobs/batch", "[{\"type\":\"errand.noop\",\"queue\":\"" + queue + "\"},"
                + "{\"type\":\"errand.noop\",\"queue\":\"" + queue + "\",\"after\":[" + existing + ", 987654321987]}]");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("987654321987").contains("[1].after");
        assertThat(admin.get("/api/jobs?queue=" + queue).json().getJsonArray("items")).isEmpty();
    }

    @Test
    void aBatchOfAHundredWithThreePermanentFailuresRunsOnCompleteOnceAndNeverOnSuccess() {
        StringBuilder jobs = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            jobs.append(i == 0 ? "" : ",").append(i % 33 == 5
                    ? "{\"type\":\"errand.fail\",\"maxAttempts\":1,\"args\":{\"failures\":1,\"message\":\"permanent\"}}"
                    : "{\"type\":\"errand.noop\"}");
        }
        Api.Response created = admin.post("/api/batches", "{\"jobs\":[" + jobs + "],"
                + "\"onSuccess\":{\"type\":\"errand.batch-report\",\"queue\":\"wf-success\"},"
                + "\"onComplete\":{\"type\":\"errand.batch-report\",\"queue\":\"wf-complete\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long batch = created.json().getJsonNumber("id").longValue();
        assertThat(created.json().getString("state")).isEqualTo("RUNNING");
        assertThat(created.json().getInt("total")).isEqualTo(100);
        assertThat(created.json().getJsonObject("counts").values().stream()
                .mapToInt(n -> ((jakarta.json.JsonNumber) n).intValue()).sum()).isEqualTo(100);
        assertThat(created.header("Location")).endsWith("/api/batches/" + batch);

        JsonObject completed = awaitBatch(batch);

        JsonObject counts = completed.getJsonObject("counts");
        assertThat(counts.getInt("SUCCEEDED")).isEqualTo(97);
        assertThat(counts.getInt("FAILED")).isEqualTo(3);
        assertThat(completed.isNull("onSuccessJob")).isTrue();
        long callback = completed.getJsonNumber("onCompleteJob").longValue();
        JsonObject report = admin.awaitState(callback, "SUCCEEDED");
        JsonObject args = report.getJsonObject("args").getJsonObject("batch");
        assertThat(args.getJsonNumber("id").longValue()).isEqualTo(batch);
        assertThat(args.getJsonObject("counts").getInt("SUCCEEDED")).isEqualTo(97);
        assertThat(args.getJsonObject("counts").getInt("FAILED")).isEqualTo(3);
        // exactly once, never onSuccess: the callbacks' queues hold only this one job of this batch
        assertThat(callbacksOf(batch, "wf-complete")).containsExactly(callback);
        assertThat(callbacksOf(batch, "wf-success")).isEmpty();
    }

    @Test
    void aBatchWhoseJobsAllSucceedRunsBothCallbacksAndItsJobsShowTheBatch() {
        Api.Response created = admin.post("/api/batches", "{\"jobs\":[{\"type\":\"errand.noop\"},{\"type\":\"errand.noop\"}],"
                + "\"onSuccess\":{\"type\":\"errand.batch-report\"},\"onComplete\":{\"type\":\"errand.batch-report\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long batch = created.json().getJsonNumber("id").longValue();

        JsonObject completed = awaitBatch(batch);

        assertThat(completed.getJsonObject("counts").getInt("SUCCEEDED")).isEqualTo(2);
        JsonObject onSuccess = admin.awaitState(completed.getJsonNumber("onSuccessJob").longValue(), "SUCCEEDED");
        assertThat(onSuccess.getJsonObject("args").getJsonObject("batch").getJsonNumber("id").longValue()).isEqualTo(batch);
        admin.awaitState(completed.getJsonNumber("onCompleteJob").longValue(), "SUCCEEDED");
        List<JsonObject> listed = admin.get("/api/batches?limit=500").json().getJsonArray("items")
                .getValuesAs(JsonObject.class);
        assertThat(listed).anySatisfy(b -> assertThat(b.getJsonNumber("id").longValue()).isEqualTo(batch));
        // other tests' noop jobs have no batch (null): look for this batch's among the latest
        assertThat(admin.get("/api/jobs?type=errand.noop&limit=100").json().getJsonArray("items")
                .getValuesAs(JsonObject.class)).filteredOn(j -> j.get("batch") instanceof jakarta.json.JsonNumber n
                        && n.longValue() == batch).hasSize(2);
    }

    @Test
    void aCallbackWhoseTypeCannotTakeTheBatchIsRefused() {
        Api.Response refused = admin.post("/api/batches", "{\"jobs\":[{\"type\":\"errand.noop\"}],"
                + "\"onComplete\":{\"type\":\"errand.noop\"}}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("onComplete");
    }

    private JsonObject awaitBatch(long batch) {
        JsonObject[] last = new JsonObject[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .alias("batch " + batch + " as last seen: " + (last[0] == null ? "-" : last[0]))
                .until(() -> {
                    last[0] = admin.get("/api/batches/" + batch).json();
                    return last[0].getString("state").equals("COMPLETED");
                });
        return last[0];
    }

    private List<Long> callbacksOf(long batch, String queue) {
        return admin.get("/api/jobs?type=errand.batch-report&queue=" + queue + "&limit=500").json()
                .getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(j -> j.getJsonObject("args").getJsonObject("batch").getJsonNumber("id").longValue() == batch)
                .map(j -> j.getJsonNumber("id").longValue()).toList();
    }

    private static JsonObject event(JsonObject job, String state) {
        return job.getJsonArray("history").getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("state").equals(state)).reduce((a, b) -> b).orElseThrow();
    }

    private static Instant at(JsonObject job, String state) {
        return Instant.parse(event(job, state).getString("at"));
    }
}
