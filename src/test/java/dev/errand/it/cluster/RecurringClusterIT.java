package dev.errand.it.cluster;

import dev.errand.it.Api;
import dev.errand.it.Database;
import dev.errand.it.Timers;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A recurring job due every 5 seconds runs once per due instant across the cluster, the timer table holds one timer
 * for it (not one per node), and a node restarted later adds none: timers are created only in the transaction that
 * defines the job (docs/nodes.md).
 */
@Order(4)
class RecurringClusterIT {

    private static final String ID = "it-cluster-every-5s";

    @Test
    void aRecurringJobRunsOncePerDueInstantWithOneTimerWhateverTheNodesDo() {
        Api first = Cluster.node(1);
        Api second = Cluster.node(2);
        assertThat(first.put("/api/recurring-jobs/" + ID, "{\"type\":\"errand.noop\",\"cron\":\"*/5 * * * * *\"}").status())
                .isEqualTo(201);
        // defined again, unchanged, on the other node (as every node defines the nightly report at its start)
        assertThat(second.put("/api/recurring-jobs/" + ID, "{\"type\":\"errand.noop\",\"cron\":\"*/5 * * * * *\"}").status())
                .isEqualTo(200);
        assertThat(Timers.countFor(ID)).isEqualTo(1);

        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() -> runs() >= 3);
        assertEachDueInstantRanOnce();

        Cluster.killNode(2);
        Cluster.startNode(2);
        long before = runs();
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() -> runs() >= before + 3);

        assertThat(Timers.countFor(ID)).as("timers after node 2 started again").isEqualTo(1);
        assertThat(Timers.countFor("nightly-report")).as("the nightly report, defined at every start").isEqualTo(1);
        assertEachDueInstantRanOnce();
        assertThat(first.delete("/api/recurring-jobs/" + ID).status()).isIn(200, 204);
        assertThat(Timers.countFor(ID)).isZero();
    }

    private static long runs() {
        return Database.count("SELECT COUNT(*) FROM errand.recurring_run WHERE recurring_id = ?", ID);
    }

    /** One job per due instant: as many jobs of the definition as recorded runs (one snapshot), each on a 5 s boundary. */
    private static void assertEachDueInstantRanOnce() {
        assertThat(Database.count("SELECT (SELECT COUNT(*) FROM errand.job WHERE submitted_by = ?)"
                + " - (SELECT COUNT(*) FROM errand.recurring_run WHERE recurring_id = ?)", "recurring job " + ID, ID))
                .as("jobs of the recurring job beyond its runs").isZero();
        assertThat(Database.count("SELECT COUNT(*) FROM errand.recurring_run WHERE recurring_id = ?"
                + " AND extract(epoch FROM due_at)::bigint % 5 <> 0", ID)).isZero();
    }
}
