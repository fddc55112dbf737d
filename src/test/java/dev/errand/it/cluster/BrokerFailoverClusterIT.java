package dev.errand.it.cluster;

import dev.errand.it.Api;
import dev.errand.it.SubmissionLoad;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 of the primary broker while clients submit to both nodes, single jobs and batches: the backup takes over the
 * shared journal, and the nodes' clients fail over to it. Every job that got a 201 ends SUCCEEDED exactly once; a
 * submission during the switch gets 201 or 503 + Retry-After (and then stored nothing), never a 500 or a hang (the
 * clients' requests time out after 30 s, which would count as unexpected). Last of the cluster ITs: it ends by
 * starting the primary again, which takes the journal back from the backup.
 */
@Order(Integer.MAX_VALUE)
class BrokerFailoverClusterIT {

    private static final int BEFORE = 300;
    private static final int AFTER = 300;

    @Test
    void thePrimaryBrokerKilledUnderLoadLosesNoAcceptedJob() throws Exception {
        List<Api> nodes = IntStream.rangeClosed(1, Cluster.SIZE).mapToObj(Cluster::node).toList();
        SubmissionLoad load = SubmissionLoad.start("failover", nodes);
        long killed;
        int acceptedAtKill;
        try {
            await().atMost(Duration.ofMinutes(2)).until(() -> load.acceptedJobs() >= BEFORE);
            acceptedAtKill = load.acceptedJobs();
            Cluster.killPrimaryBroker();
            killed = System.nanoTime();
            await().atMost(Duration.ofMinutes(2)).until(() -> load.acceptedJobs() >= acceptedAtKill + AFTER);
        } finally {
            load.stopAndJoin();
        }

        int accepted = load.assertEveryAcceptedJobSucceededOnce();
        long firstAcceptedAfterKill = load.acceptedAt.values().stream().filter(at -> at > killed).min(Long::compare).orElseThrow();
        System.out.printf("BrokerFailoverClusterIT: primary killed after %d accepted jobs; first 201 %.1f s after the kill;"
                        + " %d jobs accepted in %d submissions (all SUCCEEDED once), %d submissions refused with 503,"
                        + " 0 other answers; %d jobs' messages sent again by recovery%n",
                acceptedAtKill, (firstAcceptedAfterKill - killed) / 1e9, accepted, load.accepted.size(), load.refused.size(),
                load.resent());
        Cluster.startPrimaryBroker();
    }
}
