package dev.errand.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.server.WorkerShares;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Worker shares on a server that was started with them (docs/run-control.md, "Worker shares"), black-box: the Payara
 * test server runs with {@code ERRAND_QUEUES} = {@code errand.test.queues} (pom.xml, errand.it.payara.queues: a lane
 * for a queue only this test uses, 30 workers for the rest), so no restart is needed. A flood of slow jobs in another
 * queue does not delay the lane's jobs, the lane never runs more than its share at once, and the heartbeat and
 * {@code GET /api/queues} show the shares. The WildFly test server runs without shares; WildFly's are shown by
 * WorkerSharesRestartIT, which restarts its server with them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@EnabledIfSystemProperty(named = "errand.test.queues", matches = ".+",
        disabledReason = "the test server runs without worker shares (only the Payara one has them)")
class WorkerSharesIT {

    private static final int LANE_MILLIS = 1_000;
    private static final int FLOOD_MILLIS = 1_000;

    private final Api admin = Api.admin();
    private final WorkerShares shares = WorkerShares.parse(System.getProperty("errand.test.queues"));
    /** The first queue with a share of its own, and the workers of the lane and of every other queue. */
    private final Map.Entry<String, Integer> lane = shares.shares().entrySet().iterator().next();
    private final int others = shares.shares().get("*");

    @Test
    void theServerPublishesItsShares() {
        JsonObject self = ServerRows.newest(admin);

        assertThat(self.getString("queues")).isEqualTo(shares.queues());
        assertThat(self.getInt("workers")).isEqualTo(shares.workers());
    }

    @Test
    void aFloodInAnotherQueueDoesNotDelayTheLaneWhichRunsAtMostItsShare() {
        String laneQueue = lane.getKey();
        int laneWorkers = lane.getValue();
        String floodQueue = "it-shares-flood-" + Long.toString(System.nanoTime(), 36);
        // 8 one-second jobs for each worker of *: at least 8 s of backlog, however fast the machine
        int floodJobs = 8 * others;
        String slow = "{\"type\":\"errand.sleep\",\"queue\":\"" + floodQueue + "\",\"args\":{\"millis\":" + FLOOD_MILLIS + "}}";
        List<Long> floodIds = submit(slow, floodJobs);
        // two rounds of the lane's workers: 2 s at least. One submission each, so each job has a message of its own:
        // a batch may share one message among jobs its type's run times call short (docs/DESIGN.md §4 "Chunks"),
        // and a worker runs a message's jobs one after the other, which would leave the lane's other worker idle
        String quick = "{\"type\":\"errand.sleep\",\"queue\":\"" + laneQueue + "\",\"args\":{\"millis\":" + LANE_MILLIS + "}}";
        List<Long> laneIds = Collections.nCopies(2 * laneWorkers, quick).stream().map(admin::enqueue).toList();

        List<JsonObject> laneDone = laneIds.stream().map(id -> admin.awaitState(id, "SUCCEEDED")).toList();
        long waiting = admin.get("/api/queues/" + floodQueue).json().getJsonNumber("depth").longValue();
        List<JobObservations.Interval> laneRuns = runs(laneDone);
        Instant firstStart = laneRuns.stream().map(JobObservations.Interval::start).min(Instant::compareTo).orElseThrow();
        System.out.printf("WorkerSharesIT: the first %s job started %d ms after it was stored; all %d were done with"
                        + " %d of %d %s jobs still waiting; at most %d %s jobs ran at once%n",
                laneQueue, Duration.between(Instant.parse(laneDone.get(0).getString("createdAt")), firstStart).toMillis(),
                laneIds.size(), waiting, floodJobs, floodQueue, JobObservations.maxOverlap(laneRuns), laneQueue);
        assertThat(waiting).as("flood jobs still waiting when every lane job was done").isGreaterThan(0);
        assertThat(JobObservations.maxOverlap(laneRuns)).as("lane jobs running at once").isEqualTo(laneWorkers);

        List<JobObservations.Interval> floodRuns = runs(floodIds.stream().map(id -> admin.awaitState(id, "SUCCEEDED")).toList());
        assertThat(JobObservations.maxOverlap(floodRuns)).as("flood jobs running at once").isLessThanOrEqualTo(others);

        String self = ServerRows.newest(admin).getString("id");
        assertThat(ServerRows.consumer(admin.get("/api/queues/" + laneQueue).json(), self).getInt("workers")).isEqualTo(laneWorkers);
        assertThat(ServerRows.consumer(admin.get("/api/queues/" + floodQueue).json(), self).getInt("workers")).isEqualTo(others);
    }

    private List<Long> submit(String job, int count) {
        Api.Response response = admin.post("/api/jobs/batch", "[" + String.join(",", Collections.nCopies(count, job)) + "]");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        List<Long> ids = new ArrayList<>();
        response.json().getJsonArray("items").forEach(j -> ids.add(j.asJsonObject().getJsonNumber("id").longValue()));
        return ids;
    }

    private static List<JobObservations.Interval> runs(List<JsonObject> jobs) {
        return jobs.stream().flatMap(j -> JobObservations.processing(j).stream()).toList();
    }
}
