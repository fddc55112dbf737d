package dev.errand.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The roles viewer, operator and admin (docs/security.md, "Roles"): what each may read and do, over HTTP. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RolesIT {

    private final Api admin = Api.admin();

    @Test
    void aViewerReadsEverythingAndIsRefusedEveryAction() {
        long id = failedJob();
        String recurring = recurringJob();
        Api viewer = Api.withRole("vera-" + suffix(), "viewer");

        for (String path : List.of("/api/jobs", "/api/jobs/" + id, "/api/jobs/dead-lettered", "/api/stats",
                "/api/stats/history", "/api/servers", "/api/recurring-jobs", "/api/recurring-jobs/" + recurring,
                "/api/queues", "/api/me", "/metrics", "/jobs/")) {
            assertThat(viewer.get(path).status()).as("GET " + path).isEqualTo(200);
        }
        Map<String, Function<Api, Api.Response>> actions = actions(id, recurring);
        actions.forEach((name, action) -> {
            Api.Response refused = action.apply(viewer);
            assertThat(refused.status()).as(name).isEqualTo(403);
            assertThat(refused.contentType()).as(name).startsWith("application/problem+json");
        });

        JsonObject job = admin.job(id);
        assertThat(job.getString("state")).isEqualTo("FAILED");
        assertThat(Api.states(job)).containsExactly("ENQUEUED", "PROCESSING", "FAILED");
        assertThat(admin.get("/api/recurring-jobs/" + recurring).status()).isEqualTo(200);
    }

    @Test
    void anOperatorActsOnJobsInItsOwnNameButManagesNoAccountsNorDefinitions() {
        long id = failedJob();
        String recurring = recurringJob();
        String name = "otto-" + suffix();
        Api operator = Api.withRole(name, "operator");

        assertThat(operator.post("/api/jobs/" + id + "/requeue", "").status()).isEqualTo(200);
        JsonObject requeued = admin.awaitJob(id, j -> Api.states(j).size() == 6);
        assertThat(requeued.getJsonArray("history").getJsonObject(3).getString("reason")).isEqualTo("requeued by " + name);
        assertThat(operator.post("/api/recurring-jobs/" + recurring + "/trigger", "").status()).isEqualTo(201);
        assertThat(operator.post("/api/jobs/bulk", "{\"action\":\"delete\",\"ids\":[" + id + "]}").status()).isEqualTo(200);
        assertThat(admin.job(id).getString("state")).isEqualTo("DELETED");
        String queue = "it-roles-" + suffix();
        assertThat(operator.post("/api/queues/" + queue + "/pause", "").status()).isEqualTo(200);
        assertThat(operator.post("/api/queues/" + queue + "/resume", "").status()).isEqualTo(200);
        assertThat(admin.get("/api/queues/" + queue).json().getJsonArray("events").getJsonObject(0).getString("by"))
                .isEqualTo(name);

        assertThat(operator.put("/api/accounts/" + name, "{\"password\":\"0123456789abc\",\"roles\":[\"admin\"]}").status())
                .isEqualTo(403);
        assertThat(operator.get("/api/accounts").status()).isEqualTo(403);
        assertThat(operator.put("/api/recurring-jobs/" + recurring, "{\"type\":\"errand.noop\",\"cron\":\"0 3 * * *\"}").status())
                .isEqualTo(403);
        assertThat(operator.delete("/api/recurring-jobs/" + recurring).status()).isEqualTo(403);
        assertThat(operator.post("/api/jobs", "{\"type\":\"errand.noop\"}").status()).isEqualTo(403);
    }

    @Test
    void meNamesTheCallerWithTheRolesItsRoleImplies() {
        assertThat(roles(admin.get("/api/me").json())).containsExactly("admin", "operator", "viewer");
        Api operator = Api.withRole("olga-" + suffix(), "operator");
        assertThat(roles(operator.get("/api/me").json())).containsExactly("operator", "viewer");
        Api submitter = Api.submitter("sam-" + suffix());
        JsonObject me = submitter.get("/api/me").json();
        assertThat(roles(me)).containsExactly("submitter");
        assertThat(me.getString("username")).startsWith("sam-");
    }

    private Map<String, Function<Api, Api.Response>> actions(long id, String recurring) {
        return Map.of(
                "submit", api -> api.post("/api/jobs", "{\"type\":\"errand.noop\"}"),
                "requeue", api -> api.post("/api/jobs/" + id + "/requeue", ""),
                "delete", api -> api.delete("/api/jobs/" + id),
                "bulk", api -> api.post("/api/jobs/bulk", "{\"action\":\"requeue\",\"ids\":[" + id + "]}"),
                "trigger", api -> api.post("/api/recurring-jobs/" + recurring + "/trigger", ""),
                "define", api -> api.put("/api/recurring-jobs/" + recurring, "{\"type\":\"errand.noop\",\"cron\":\"0 4 * * *\"}"),
                "undefine", api -> api.delete("/api/recurring-jobs/" + recurring),
                "pause", api -> api.post("/api/queues/it-roles/pause", ""),
                "accounts", api -> api.get("/api/accounts"),
                "new account", api -> api.put("/api/accounts/x-" + suffix(), "{\"password\":\"0123456789abc\",\"roles\":[\"admin\"]}"));
    }

    private long failedJob() {
        long id = admin.enqueue("{\"type\":\"errand.fail\",\"maxAttempts\":1,\"args\":{\"failures\":1}}");
        admin.awaitState(id, "FAILED");
        return id;
    }

    private String recurringJob() {
        String id = "it-roles-" + suffix();
        // 1 January at 03:00: never due while the test runs
        assertThat(admin.put("/api/recurring-jobs/" + id, "{\"type\":\"errand.noop\",\"cron\":\"0 3 1 1 *\"}").status())
                .isEqualTo(201);
        return id;
    }

    private static List<String> roles(JsonObject me) {
        return me.getJsonArray("roles").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
