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

        // a requeue numbers attempts from 1 again; the first run's lines stay, in order, before the second's
        List<String> run = List.of("sleeping 1500 ms", "slept 1 s of 2", "done");
        assertThat(lines(job)).containsExactlyElementsOf(concat(run, run));
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

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
