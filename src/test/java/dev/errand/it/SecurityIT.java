package dev.errand.it;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.errand.it.SubmissionIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** No anonymous access; submitters submit and see their own jobs; only administrators manage. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityIT {

    @Test
    void anonymousCallsAreRefusedWith401() {
        Api anonymous = Api.anonymous();
        long before = Database.jobCount();

        Api.Response submit = anonymous.post("/api/jobs", "{\"type\":\"errand.noop\"}");

        assertProblem(submit, 401, null);
        assertThat(submit.header("WWW-Authenticate")).startsWith("Basic");
        assertProblem(anonymous.get("/api/jobs"), 401, null);
        assertProblem(anonymous.get("/api/stats"), 401, null);
        assertThat(Database.jobCount()).isEqualTo(before);
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertProblem(Api.as("admin", "not-the-password").get("/api/stats"), 401, null);
    }

    @Test
    void healthIsPublicAndReportsItsParts() {
        Api.Response health = Api.anonymous().get("/health");

        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.json().getString("status")).isEqualTo("UP");
        // what it checked, by name: an UP that left out the broker (no HealthCheck bean found) must not pass
        assertThat(health.json().getJsonArray("checks").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly("schema", "database", "broker");
        assertThat(health.json().getString("database")).isEqualTo("UP");
        assertThat(health.json().getString("broker")).isEqualTo("UP");
    }

    @Test
    void aSubmitterSubmitsAndSeesOnlyItsOwnJobs() {
        Api alice = Api.submitter("alice");
        Api bob = Api.submitter("bob");
        long mine = alice.enqueue("{\"type\":\"errand.noop\"}");
        long theirs = bob.enqueue("{\"type\":\"errand.noop\"}");

        assertThat(alice.get("/api/jobs/" + mine).status()).isEqualTo(200);
        assertProblem(alice.get("/api/jobs/" + theirs), 404, null);
        assertThat(alice.get("/api/jobs?limit=500").json().getJsonArray("items").stream()
                .map(j -> j.asJsonObject().getJsonNumber("id").longValue()))
                .contains(mine).doesNotContain(theirs);
    }

    @Test
    void aSubmitterMayNotManage() {
        Api carol = Api.submitter("carol");
        long id = carol.enqueue("{\"type\":\"errand.noop\"}");
        Api.admin().awaitState(id, "SUCCEEDED");

        assertProblem(carol.post("/api/jobs/" + id + "/requeue", ""), 403, null);
        assertProblem(carol.delete("/api/jobs/" + id), 403, null);
        assertProblem(carol.get("/api/stats"), 403, null);
        assertProblem(carol.put("/api/accounts/mallory", "{\"password\":\"0123456789abc\",\"roles\":[\"admin\"]}"), 403, null);
        assertThat(Api.admin().job(id).getString("state")).isEqualTo("SUCCEEDED");
    }
}
