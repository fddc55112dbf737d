package dev.errand.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What one node shows of the cluster it belongs to: its configured node id (ERRAND_NODE_ID) beside the instance
 * id of this start, histories in time order whoever wrote them, and the attempts of its own previous instance
 * treated as orphans (docs/nodes.md).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NodeIdentityIT {

    private final Api admin = Api.admin();

    @Test
    void theServerShowsItsNodeIdAndTheInstanceThatRunsTheJobs() {
        JsonObject self = thisServer();
        String node = self.getString("node");
        assertThat(self.getString("id")).startsWith(node + "/");
        assertThat(self.getInt("workers")).isEqualTo(32);
        assertThat(self.getInt("running")).isGreaterThanOrEqualTo(0);

        JsonObject job = admin.awaitState(admin.enqueue("{\"type\":\"errand.noop\"}"), "SUCCEEDED");

        assertThat(job.getString("server")).isEqualTo(node);
        assertThat(job.getString("serverInstance")).isEqualTo(self.getString("id"));
        assertThat(job.getJsonArray("history").stream().map(JsonValue::asJsonObject))
                .allSatisfy(event -> {
                    assertThat(event.getString("server")).isEqualTo(node);
                    assertThat(event.getString("serverInstance")).isEqualTo(self.getString("id"));
                });
        assertThat(admin.get("/api/stats").json().getInt("servers")).isEqualTo(admin.get("/api/servers").array().size());
    }

    @Test
    void aHistoryWrittenByTwoNodesIsInTimeOrderNotInIdOrder() {
        long id = admin.enqueue("{\"type\":\"errand.noop\"}");
        admin.awaitState(id, "SUCCEEDED");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // another node's events: its sequence block lies above this one's, or below it
        Database.update("INSERT INTO errand.job_event (id, job_id, at, state, attempt, server_id, reason)"
                + " VALUES (?, ?, ?, 'SUCCEEDED', 1, 'it-node-b', 'it: written first, by a node with high ids')",
                Long.MAX_VALUE - id, id, now.minusHours(1));
        Database.update("INSERT INTO errand.job_event (id, job_id, at, state, attempt, server_id, reason)"
                + " VALUES (?, ?, ?, 'SUCCEEDED', 1, 'it-node-c', 'it: written last, by a node with low ids')",
                -id, id, now.plusSeconds(1));

        List<String> reasons = admin.job(id).getJsonArray("history").stream()
                .map(e -> e.asJsonObject().getString("reason")).toList();

        assertThat(reasons.get(0)).isEqualTo("it: written first, by a node with high ids");
        assertThat(reasons.get(reasons.size() - 1)).isEqualTo("it: written last, by a node with low ids");
        Database.update("DELETE FROM errand.job WHERE id = ?", id);
    }

    @Test
    void aNodeRestartedUnderTheSameIdRequeuesTheAttemptsOfItsPreviousInstance() {
        String node = thisServer().getString("node");
        String previous = node + "/it-previous";
        OffsetDateTime tenMinutesAgo = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10);
        Database.update("INSERT INTO errand.server (id, node_id, host, started_at, heartbeat_at, workers, queues)"
                + " VALUES (?, ?, 'it-host', ?, ?, 32, '*')", previous, node, tenMinutesAgo.minusHours(1), tenMinutesAgo);
        long id = Database.count("SELECT nextval('errand.job_id_seq')");
        Database.update("INSERT INTO errand.job (id, type, queue, args, state, attempt, max_attempts, dispatch, created_at,"
                + " started_at, updated_at, server_id, server_instance)"
                + " VALUES (?, 'errand.noop', 'default', '{}', 'PROCESSING', 1, 3, 1, ?, ?, ?, ?, ?)",
                id, tenMinutesAgo, tenMinutesAgo, tenMinutesAgo, node, previous);

        JsonObject job = admin.awaitState(id, "SUCCEEDED");

        assertThat(job.getJsonArray("history").getJsonObject(0).getString("reason"))
                .isEqualTo("server " + node + " (instance " + previous + ") stopped heartbeating; attempt 1 abandoned");
        assertThat(admin.get("/api/servers").array().stream().map(s -> s.asJsonObject().getString("id")))
                .as("a silent instance is not listed").doesNotContain(previous);
    }

    @Test
    void anAttemptOfAJobDeletedWhereItsNoticeNeverArrivedStopsAnyway() {
        long id = admin.enqueue("{\"type\":\"errand.sleep\",\"args\":{\"millis\":60000}}");
        admin.awaitState(id, "PROCESSING");

        // what another node's delete leaves when its notice on errand.control is lost: the row alone
        Database.update("UPDATE errand.job SET state = 'DELETED', finished_at = now(), updated_at = now() WHERE id = ?", id);

        JsonObject job = admin.awaitJob(id, j -> j.getJsonArray("history").size() == 3);
        assertThat(job.getJsonArray("history").getJsonObject(2).getString("reason"))
                .startsWith("attempt 1 ended successfully after the job left PROCESSING");
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/api/stats").json().getInt("workersBusyHere") == 0);
    }

    private JsonObject thisServer() {
        List<JsonObject> servers = admin.get("/api/servers").array().stream().map(JsonValue::asJsonObject).toList();
        return servers.stream().filter(s -> s.getInt("running", -1) >= 0 && s.getString("id").contains("/")
                        && !s.getString("host").equals("it-host")).findFirst()
                .orElseThrow(() -> new AssertionError("this server is not listed: " + servers));
    }
}
