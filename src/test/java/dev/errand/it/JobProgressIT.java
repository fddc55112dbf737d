package dev.errand.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a handler reports of itself (progress, log lines), as a REST client sees it while the job runs and after. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JobProgressIT {

    private final Api admin = Api.admin();

    @Test
    void aRunningJobShowsItsProgressAndLogBeforeItEnds() {
        long id = admin.enqueue("{\"type\":\"errand.sleep\",\"args\":{\"millis\":600000}}");

        JsonObject running = admin.awaitJob(id, job -> lines(job).stream().anyMatch(l -> l.startsWith("slept 1 s")));

        assertThat(running.getString("state")).isEqualTo("PROCESSING");
        JsonObject progress = running.getJsonObject("progress");
        assertThat(progress.getInt("attempt")).isEqualTo(1);
        assertThat(progress.getJsonNumber("total").longValue()).isEqualTo(600_000);
        assertThat(progress.getJsonNumber("done").longValue()).isBetween(1L, 599_999L);
        assertThat(lines(running).get(0)).isEqualTo("sleeping 600000 ms");

        assertThat(admin.delete("/api/jobs/" + id).status()).isEqualTo(200);
        JsonObject deleted = admin.awaitJob(id, job -> lines(job).contains("stopped: the job was deleted"));
        assertThat(deleted.getString("state")).isEqualTo("DELETED");
    }

    @Test
    void theWholeLogOfEveryRunIsKeptAfterItEnds() {
        long id = admin.enqueue("{\"type\":\"errand.sleep\",\"args\":{\"millis\":1500}}");
        admin.awaitState(id, "SUCCEEDED");

        assertThat(admin.post("/api/jobs/" + id + "/requeue", "").status()).isEqualTo(200);
        JsonObject job = admin.awaitJob(id, j -> Api.states(j).size() == 6 && j.getString("state").equals("SUCCEEDED"));

        // a requeue numbers attempts from 1 again; the first run's lines stay, in order, before the second's. (A run
        // writes "slept 1 s of 2" between the two unless its thread was held up past the 1.5 s: not asserted.)
        List<String> lines = lines(job);
        int second = lines.lastIndexOf("sleeping 1500 ms");
        assertThat(second).as("the second run's first line in %s", lines).isPositive();
        for (List<String> run : List.of(lines.subList(0, second), lines.subList(second, lines.size()))) {
            assertThat(run).first().isEqualTo("sleeping 1500 ms");
            assertThat(run).last().isEqualTo("done");
            assertThat(run.subList(1, run.size() - 1)).isSubsetOf("slept 1 s of 2");
        }
        JsonObject progress = job.getJsonObject("progress");
        assertThat(progress.getJsonNumber("done").longValue()).isEqualTo(1500);
        assertThat(progress.getInt("percent")).isEqualTo(100);
    }

    @Test
    void aShortJobReportsNothing() {
        long id = admin.enqueue("{\"type\":\"errand.sleep\",\"args\":{\"millis\":10}}");

        JsonObject job = admin.awaitState(id, "SUCCEEDED");

        assertThat(job.isNull("progress")).isTrue();
        assertThat(job.getJsonArray("log")).isEmpty();
    }

    private static List<String> lines(JsonObject job) {
        return job.getJsonArray("log").stream().map(JsonValue::asJsonObject).map(l -> l.getString("line")).toList();
    }
}
