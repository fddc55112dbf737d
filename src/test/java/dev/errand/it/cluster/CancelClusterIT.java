package dev.errand.it.cluster;

import dev.errand.it.Api;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A delete sent to one node stops the job where it runs, on another node, within 2 s (the notice on the topic
 * errand.control, docs/nodes.md), and the job ends DELETED; the same for the dashboard's bulk delete. Each node
 * shows its configured node id in /api/servers and in the histories it writes.
 */
@Order(3)
class CancelClusterIT {

    private static final Duration STOPPED_WITHIN = Duration.ofSeconds(2);

    @Test
    void everyNodeListsEveryLiveNodeByItsNodeId() {
        List<String> nodeIds = IntStream.rangeClosed(1, Cluster.SIZE).mapToObj(Cluster::nodeId).toList();
        assertThat(nodeIds).doesNotHaveDuplicates();
        for (int k = 1; k <= Cluster.SIZE; k++) {
            List<JsonObject> servers = Cluster.node(k).get("/api/servers").array().stream().map(v -> v.asJsonObject()).toList();
            assertThat(servers).extracting(s -> s.getString("node")).containsExactlyInAnyOrderElementsOf(nodeIds);
            assertThat(servers).allSatisfy(s -> {
                assertThat(s.getString("id")).startsWith(s.getString("node") + "/");
                assertThat(s.getInt("workers")).isEqualTo(32);
            });
            assertThat(Cluster.node(k).get("/api/stats").json().getInt("servers")).isEqualTo(Cluster.SIZE);
        }
    }

    @Test
    void aDeleteSentToAnotherNodeStopsTheRunningJobWithinTwoSeconds() {
        Running job = runningJob();

        long sent = System.nanoTime();
        Api.Response deleted = job.elsewhere().delete("/api/jobs/" + job.id);

        assertThat(deleted.status()).isEqualTo(200);
        assertStoppedOn(job, "DELETE", sent);
    }

    @Test
    void aBulkDeleteSentToAnotherNodeStopsTheRunningJobWithinTwoSeconds() {
        Running job = runningJob();

        long sent = System.nanoTime();
        JsonObject outcome = job.elsewhere().post("/api/jobs/bulk", "{\"action\":\"delete\",\"ids\":[" + job.id + "]}").json();

        assertThat(outcome.getInt("changed")).isEqualTo(1);
        assertStoppedOn(job, "bulk delete", sent);
    }

    /** The job's attempt ended (its note after the delete is in the history) and its node runs nothing any more. */
    private static void assertStoppedOn(Running job, String how, long sent) {
        Api runner = Cluster.node(job.runner);
        await().atMost(STOPPED_WITHIN).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonObject now = runner.job(job.id);
            assertThat(now.getString("state")).isEqualTo("DELETED");
            assertThat(Api.states(now)).containsExactly("ENQUEUED", "PROCESSING", "DELETED", "DELETED");
            assertThat(runner.get("/api/stats").json().getInt("workersBusyHere")).isZero();
        });
        System.out.printf("CancelClusterIT: %s sent to node %d, job %d stopped on node %d within %d ms (100 ms polls)%n",
                how, job.runner % Cluster.SIZE + 1, job.id, job.runner, (System.nanoTime() - sent) / 1_000_000);
        JsonObject done = runner.job(job.id);
        assertThat(done.getJsonArray("history").getJsonObject(3).getString("reason"))
                .contains("after the job left PROCESSING");
        assertThat(done.getJsonArray("history").getJsonObject(3).getString("server")).isEqualTo(Cluster.nodeId(job.runner));
    }

    /** A job sleeping a minute, PROCESSING on some node (the broker chooses which): that node and the job. */
    private static Running runningJob() {
        Api admin = Cluster.node(1);
        long id = admin.enqueue("{\"type\":\"errand.sleep\",\"args\":{\"millis\":60000}}");
        JsonObject job = admin.awaitState(id, "PROCESSING");
        String runnerId = job.getString("server");
        int runner = IntStream.rangeClosed(1, Cluster.SIZE).filter(k -> Cluster.nodeId(k).equals(runnerId)).findFirst()
                .orElseThrow(() -> new AssertionError("no node has the id " + runnerId));
        return new Running(id, runner);
    }

    private record Running(long id, int runner) {
        /** A node that does not run the job. */
        Api elsewhere() {
            return Cluster.node(runner % Cluster.SIZE + 1);
        }
    }
}
