package dev.errand.it.cluster;

import dev.errand.it.Api;
import dev.errand.it.Database;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A batch of 100 with 3 permanent failures (docs/workflows.md) survives kill -9 of a node in the middle of it: the
 * jobs the dead node was running finish on the other node, the batch completes at 97 / 3, its onComplete callback is
 * created and runs exactly once, and onSuccess never. The node is started again afterwards.
 *
 * <p>The kill lands mid-batch by construction: each of the 97 jobs sleeps {@value #SLEEP_MILLIS} ms and the cluster
 * runs at most 64 at once, so the batch needs two rounds of jobs; the kill follows its first finished sleep, while
 * the second round has not ended. The test asserts and prints how far the batch had come.
 */
@Order(5)
class BatchClusterIT {

    private static final int JOBS = 100;
    private static final int SLEEP_MILLIS = 3_000;
    private static final int VICTIM = 2;
    /**
     * Jobs cut short by the kill finish once the broker hands their messages on or orphan recovery finds them after
     * ERRAND_SERVER_TIMEOUT (PT20S in the cluster, docs/cluster.md); three minutes leave room for both on a busy machine.
     */
    private static final Duration COMPLETES_WITHIN = Duration.ofMinutes(3);

    @Test
    void aBatchRunsOnCompleteExactlyOnceWhenANodeIsKilledMidBatch() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String onComplete = "bc-complete-" + tag;
        String onSuccess = "bc-success-" + tag;
        StringBuilder jobs = new StringBuilder();
        for (int i = 0; i < JOBS; i++) {
            jobs.append(i == 0 ? "" : ",").append(i % 33 == 5
                    ? "{\"type\":\"errand.fail\",\"maxAttempts\":1,\"args\":{\"failures\":1,\"message\":\"permanent\"}}"
                    : "{\"type\":\"errand.sleep\",\"args\":{\"millis\":" + SLEEP_MILLIS + "}}");
        }
        Api node1 = Cluster.node(1);
        Api.Response created = node1.post("/api/batches", "{\"jobs\":[" + jobs + "],"
                + "\"onSuccess\":{\"type\":\"errand.batch-report\",\"queue\":\"" + onSuccess + "\"},"
                + "\"onComplete\":{\"type\":\"errand.batch-report\",\"queue\":\"" + onComplete + "\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long batch = created.json().getJsonNumber("id").longValue();

        String victim = Database.text("SELECT id FROM errand.server WHERE id LIKE ? ORDER BY started_at DESC LIMIT 1",
                Cluster.nodeId(VICTIM) + "/%");
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> succeeded(batch) > 0 && running(batch, victim) > 0);
        Cluster.killNode(VICTIM);
        Instant killed = Instant.now();
        long doneAtKill = succeeded(batch);
        long runningAtKill = running(batch, victim);
        try {
            System.out.printf("BatchClusterIT: killed node %d (%s) mid-batch: %d of %d jobs SUCCEEDED, %d running on it%n",
                    VICTIM, victim, doneAtKill, JOBS, runningAtKill);
            assertThat(doneAtKill).as("the kill must come mid-batch").isBetween(1L, JOBS - 4L);
            assertThat(runningAtKill).as("jobs of the batch running on the killed node").isPositive();

            JsonObject[] last = new JsonObject[1];
            await().atMost(COMPLETES_WITHIN).pollInterval(Duration.ofMillis(500))
                    .alias("batch " + batch + " as last seen: " + (last[0] == null ? "-" : last[0]))
                    .until(() -> {
                        last[0] = node1.get("/api/batches/" + batch).json();
                        return last[0].getString("state").equals("COMPLETED") && !last[0].isNull("onCompleteJob");
                    });
            JsonObject completed = last[0];
            assertThat(completed.getJsonObject("counts").getInt("SUCCEEDED")).isEqualTo(97);
            assertThat(completed.getJsonObject("counts").getInt("FAILED")).isEqualTo(3);
            assertThat(completed.isNull("onSuccessJob")).isTrue();

            long callback = completed.getJsonNumber("onCompleteJob").longValue();
            JsonObject report = node1.awaitState(callback, "SUCCEEDED");
            JsonObject counts = report.getJsonObject("args").getJsonObject("batch").getJsonObject("counts");
            assertThat(counts.getInt("SUCCEEDED")).isEqualTo(97);
            assertThat(counts.getInt("FAILED")).isEqualTo(3);
            // exactly once, never onSuccess: each callback has a queue of its own
            assertThat(Database.count("SELECT COUNT(*) FROM errand.job WHERE queue = ?", onComplete)).isEqualTo(1);
            assertThat(Database.count("SELECT COUNT(*) FROM errand.job WHERE queue = ?", onSuccess)).isZero();
            assertThat(Database.count("SELECT COUNT(*) FROM errand.job_event e JOIN errand.job j ON j.id = e.job_id"
                    + " WHERE j.batch_id = ? AND e.state = 'SUCCEEDED'", batch)).as("SUCCEEDED events of the batch's jobs")
                    .isEqualTo(97);
            System.out.printf("BatchClusterIT: the batch COMPLETED 97 / 3 and its onComplete job %d ran once,"
                    + " %.1f s after the kill%n", callback, Duration.between(killed, Instant.now()).toMillis() / 1000.0);
        } finally {
            Cluster.startNode(VICTIM);
        }
    }

    private static long succeeded(long batch) {
        return Database.count("SELECT COUNT(*) FROM errand.job WHERE batch_id = ? AND state = 'SUCCEEDED'", batch);
    }

    private static long running(long batch, String serverInstance) {
        return Database.count("SELECT COUNT(*) FROM errand.job WHERE batch_id = ? AND state = 'PROCESSING'"
                + " AND server_instance = ?", batch, serverInstance);
    }
}
