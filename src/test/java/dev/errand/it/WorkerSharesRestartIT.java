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
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Worker shares (docs/run-control.md, "Worker shares"): the server starts with the system properties that
 * {@code ERRAND_QUEUES=<mail>:2,*:4} becomes (the same {@link WorkerShares} that bin/standalone.conf runs), then a
 * flood of slow jobs in one queue does not delay a job of the queue with a share of its own, and that queue never
 * runs more than its share at once. Then the server starts again without shares and is back to one lane of 32.
 * Runs in the restart execution (manual container {@code errand-restart}), like RunControlRestartIT.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WorkerSharesRestartIT {

    private static final String SERVER = "errand-restart";
    private static final int FLOOD = 40;
    private static final int FLOOD_MILLIS = 1_000;
    private static final int MAIL = 6;
    private static final int MAIL_MILLIS = 500;

    @ArquillianResource
    ContainerController containers;

    private final Api admin = Api.admin();

    @Test
    void aFloodInOneQueueDoesNotDelayAQueueWithAShareOfItsOwn() {
        String suffix = Long.toString(System.nanoTime(), 36);
        String mail = "it-shares-mail-" + suffix;
        String reports = "it-shares-reports-" + suffix;
        WorkerShares shares = WorkerShares.parse(mail + ":2,*:4");
        containers.start(SERVER, Map.of("javaVmArguments", jvmArguments() + " " + shares.jvmOptions()));
        try {
            JsonObject self = ServerRows.newest(admin);
            assertThat(self.getString("queues")).isEqualTo(mail + ":2,*:4");
            assertThat(self.getInt("workers")).isEqualTo(6);

            // 40 jobs of 1 s on the 4 workers of *: at least 10 s of backlog, however fast the machine
            String slow = "{\"type\":\"errand.sleep\",\"queue\":\"" + reports + "\",\"args\":{\"millis\":" + FLOOD_MILLIS + "}}";
            Api.Response flood = admin.post("/api/jobs/batch", "[" + String.join(",", Collections.nCopies(FLOOD, slow)) + "]");
            assertThat(flood.status()).as(flood.body()).isEqualTo(201);
            List<Long> floodIds = new ArrayList<>();
            flood.json().getJsonArray("items").forEach(j -> floodIds.add(j.asJsonObject().getJsonNumber("id").longValue()));

            String quick = "{\"type\":\"errand.sleep\",\"queue\":\"" + mail + "\",\"args\":{\"millis\":" + MAIL_MILLIS + "}}";
            Api.Response mails = admin.post("/api/jobs/batch", "[" + String.join(",", Collections.nCopies(MAIL, quick)) + "]");
            assertThat(mails.status()).as(mails.body()).isEqualTo(201);
            List<JsonObject> done = new ArrayList<>();
            mails.json().getJsonArray("items").forEach(j -> done.add(
                    admin.awaitState(j.asJsonObject().getJsonNumber("id").longValue(), "SUCCEEDED")));
            long waiting = admin.get("/api/queues/" + reports).json().getJsonNumber("depth").longValue();

            List<JobObservations.Interval> mailRuns = done.stream()
                    .flatMap(j -> JobObservations.processing(j).stream()).toList();
            Instant firstMailStart = mailRuns.stream().map(JobObservations.Interval::start).min(Instant::compareTo)
                    .orElseThrow();
            Instant created = Instant.parse(done.get(0).getString("createdAt"));
            System.out.printf("WorkerSharesRestartIT: the first %s job started %d ms after it was stored; all %d were"
                            + " done with %d of %d %s jobs still waiting; at most %d %s jobs ran at once%n",
                    mail, Duration.between(created, firstMailStart).toMillis(), MAIL, waiting, FLOOD, reports,
                    JobObservations.maxOverlap(mailRuns), mail);
            assertThat(waiting).as("flood jobs still waiting when every mail job was done").isGreaterThan(0);
            assertThat(JobObservations.maxOverlap(mailRuns)).as("mail jobs running at once").isEqualTo(2);

            // the flood ran on the 4 workers of * only
            List<JobObservations.Interval> floodRuns = floodIds.stream()
                    .map(id -> admin.awaitState(id, "SUCCEEDED"))
                    .flatMap(j -> JobObservations.processing(j).stream()).toList();
            assertThat(JobObservations.maxOverlap(floodRuns)).as("flood jobs running at once").isEqualTo(4);

            JsonObject mailQueue = admin.get("/api/queues/" + mail).json();
            assertThat(ServerRows.consumer(mailQueue, self.getString("id")).getInt("workers")).isEqualTo(2);
            JsonObject reportsQueue = admin.get("/api/queues/" + reports).json();
            assertThat(ServerRows.consumer(reportsQueue, self.getString("id")).getInt("workers")).isEqualTo(4);
        } finally {
            containers.stop(SERVER);
        }

        // The override stays on the container for later starts: put back the configured arguments, and see the
        // default lanes (Arquillian keeps a container's last configuration for the next start)
        containers.start(SERVER, Map.of("javaVmArguments", jvmArguments()));
        try {
            JsonObject self = ServerRows.newest(admin);
            assertThat(self.getString("queues")).isEqualTo("*");
            assertThat(self.getInt("workers")).isEqualTo(32);
        } finally {
            containers.stop(SERVER);
        }
    }

    /** The container's own arguments, as src/test/resources/arquillian.xml builds them. */
    private static String jvmArguments() {
        return "-Xms256m -Xmx1g -Djava.net.preferIPv4Stack=true -Djboss.socket.binding.port-offset="
                + System.getProperty("errand.it.portOffset", "100") + " -Djboss.server.base.dir="
                + System.getProperty("errand.it.baseDir", "target/it-server");
    }
}
