package dev.errand.it.cluster;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A backlog submitted half to each node runs exactly once (one SUCCEEDED event per job), and both nodes do a share of
 * it: the broker hands the queue's messages to the consumers of both, whichever node stored the job.
 */
@Order(1)
class BacklogClusterIT {

    private static final int JOBS = 2_000;

    @Test
    void aBacklogSubmittedToBothNodesRunsOnceAndBothNodesRunAShare() {
        Backlog backlog = Backlog.submit("backlog", JOBS, 20, null);
        long started = System.nanoTime();

        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> backlog.succeeded() == JOBS);
        backlog.assertEachRanOnce();
        Map<String, Long> shares = backlog.succeededByServer();
        System.out.printf("BacklogClusterIT: %d jobs drained in %.1f s; SUCCEEDED per server: %s%n",
                JOBS, (System.nanoTime() - started) / 1e9, shares);
        assertThat(shares).as("servers that ran a share").hasSize(Cluster.SIZE);
        assertThat(shares.values()).allMatch(share -> share > 0);
    }
}
