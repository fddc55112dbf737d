package dev.errand.it.cluster;

import dev.errand.it.Database;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 of one node in the middle of a drain: the jobs it was running are recorded as cut short (the broker hands
 * their messages to the other node: "interrupted"; or orphan recovery after the server timeout: "abandoned") and
 * finish on the other node; none lost, none finished twice; the killed node drops out of the other node's
 * /api/servers within the server timeout, while the other node stays listed with its workers and queues. The node is
 * started again afterwards.
 *
 * <p>The kill lands mid-drain by construction: the jobs are delayed, so the backlog is stored before much of it runs,
 * and each sleeps, so with at most {@value #WORKERS} running at once in the cluster the drain takes at least
 * {@code JOBS * SLEEP_MILLIS / WORKERS} = 7.8 s, while the kill follows the first finished job. The test asserts and
 * prints how far the drain had come, and the time from the kill to the last job finished.
 */
@Order(2)
class NodeFailoverClusterIT {

    private static final int JOBS = 2_000;
    private static final int SLEEP_MILLIS = 250;
    /** Two nodes of 32 MDB sessions each (JobWorker's maxSession). */
    private static final int WORKERS = 64;
    private static final int VICTIM = 2;
    /**
     * The longest a dead node stays in /api/servers after its death: ERRAND_SERVER_TIMEOUT (docs/cluster.md, PT20S in
     * the cluster) counted from its last heartbeat, which came at most ERRAND_HEARTBEAT_INTERVAL (PT5S) before the
     * kill, plus 10 s for a node busy with the failover; the same defaults as server-config/cluster.sh.
     */
    private static final Duration LISTED_AT_MOST = Duration.parse(System.getenv().getOrDefault("ERRAND_SERVER_TIMEOUT", "PT20S"))
            .plus(Duration.parse(System.getenv().getOrDefault("ERRAND_HEARTBEAT_INTERVAL", "PT5S"))).plusSeconds(10);

    @Test
    void aNodeKilledMidDrainLosesNoJobAndTheOtherNodeFinishesItsJobs() {
        Backlog backlog = Backlog.submit("failover", JOBS, SLEEP_MILLIS, "PT5S");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).until(() -> backlog.succeeded() > 0);

        // node 2 started after node 1 (server-config/cluster.sh), so its heartbeat row (its instance) is the latest started
        String victim = Database.text("SELECT id FROM errand.server ORDER BY started_at DESC LIMIT 1");
        List<JsonObject> before = servers();
        assertThat(before).extracting(s -> s.getString("id")).as("node 1's /api/servers before the kill").contains(victim);
        String victimNode = before.stream().filter(s -> s.getString("id").equals(victim)).findFirst().orElseThrow().getString("node");
        Cluster.killNode(VICTIM);
        Instant killed = Instant.now();
        long doneAtKill = backlog.succeeded();
        String runningAtKill = Database.text("SELECT string_agg(id::text, ',') FROM errand.job WHERE queue = ?"
                + " AND state = 'PROCESSING' AND server_instance = ?", backlog.queue, victim);
        try {
            assertThat(runningAtKill).as("jobs running on the killed node " + victim).isNotNull();
            int running = runningAtKill.split(",").length;
            System.out.printf("NodeFailoverClusterIT: killed node %d (%s) mid-drain: %d of %d jobs SUCCEEDED, %d running on it%n",
                    VICTIM, victim, doneAtKill, JOBS, running);
            assertThat(doneAtKill).as("the kill must come mid-drain").isBetween(1L, JOBS - 1L);
            assertDropsOutOfTheServers(victimNode, killed);

            try {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).until(() -> backlog.succeeded() == JOBS);
            } catch (ConditionTimeoutException e) {
                String account = "3 min after the kill: " + backlog.unfinished() + "; node 1 logged since the kill: "
                        + String.join(" / ", Cluster.warnings(1, killed, 15));
                System.out.println("NodeFailoverClusterIT: " + account);
                throw new AssertionError("the backlog did not finish: " + account, e);
            }
            backlog.assertEachRanOnce();
            assertThat(Database.count("SELECT COUNT(DISTINCT job_id) FROM errand.job_event WHERE job_id IN (" + runningAtKill + ")"
                    + " AND (reason LIKE '%was interrupted%' OR reason LIKE '%abandoned%')"))
                    .as("jobs of the killed node whose attempt was cut short, with that recorded").isEqualTo(running);
            assertThat(Database.count("SELECT COUNT(*) FROM errand.job_event WHERE job_id IN (" + runningAtKill + ")"
                    + " AND state = 'SUCCEEDED' AND server_instance = ?", victim)).as("its jobs finished by the killed node").isZero();
            System.out.printf("NodeFailoverClusterIT: its %d jobs all SUCCEEDED on the other node %.1f s after the kill;"
                            + " the whole backlog %.1f s after; jobs lost 0, finished twice %d%n", running,
                    secondsAfter(killed, "SELECT MAX(finished_at) FROM errand.job WHERE id IN (" + runningAtKill + ")"),
                    secondsAfter(killed, "SELECT MAX(finished_at) FROM errand.job WHERE queue = '" + backlog.queue + "'"),
                    backlog.finishedTwice());
        } finally {
            Cluster.startNode(VICTIM);
        }
    }

    /**
     * Node 1's /api/servers stops listing the killed node (by its ERRAND_NODE_ID) within {@link #LISTED_AT_MOST} of
     * the kill, and then lists node 1 alone, with its 32 workers on every queue.
     */
    private static void assertDropsOutOfTheServers(String victimNode, Instant killed) {
        Duration left = LISTED_AT_MOST.minus(Duration.between(killed, Instant.now()));
        await().atMost(left).pollInterval(Duration.ofMillis(250))
                .until(() -> servers().stream().noneMatch(s -> s.getString("node").equals(victimNode)));
        System.out.printf("NodeFailoverClusterIT: node %d (%s) left node 1's /api/servers %.1f s after the kill%n",
                VICTIM, victimNode, Duration.between(killed, Instant.now()).toMillis() / 1000.0);
        List<JsonObject> after = servers();
        assertThat(after).as("node 1's /api/servers after the timeout").hasSize(Cluster.SIZE - 1).allSatisfy(s -> {
            assertThat(s.getString("node")).isNotEqualTo(victimNode);
            assertThat(s.getInt("workers")).isEqualTo(32);
            assertThat(s.getString("queues")).isEqualTo("*");
        });
        assertThat(after).extracting(s -> s.getString("node")).contains(Cluster.nodeId(1));
    }

    private static List<JsonObject> servers() {
        return Cluster.node(1).get("/api/servers").array().stream().map(v -> v.asJsonObject()).toList();
    }

    private static double secondsAfter(Instant instant, String sql) {
        OffsetDateTime at = OffsetDateTime.parse(Database.text("SELECT to_char((" + sql + ") AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"));
        return Duration.between(instant, at.toInstant()).toMillis() / 1000.0;
    }
}
