package dev.errand.it;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What goes in: idempotency, batches, and every kind of bad input refused with a problem and nothing stored. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SubmissionIT {

    private final Api admin = Api.admin();

    @Test
    void repeatingAnIdempotencyKeyReturnsTheFirstJob() {
        String key = "order-" + System.nanoTime();
        Api.Response first = admin.post("/api/jobs", "{\"type\":\"errand.noop\"}", Map.of("Idempotency-Key", key));
        long before = Database.jobCount();

        Api.Response again = admin.post("/api/jobs", "{\"type\":\"errand.noop\"}", Map.of("Idempotency-Key", key));

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().getJsonNumber("id")).isEqualTo(first.json().getJsonNumber("id"));
        assertThat(Database.jobCount()).isEqualTo(before);
    }

    @Test
    void aBatchCreatesAllItsJobs() {
        Api.Response response = admin.post("/api/jobs/batch",
                "[{\"type\":\"errand.noop\"},{\"type\":\"errand.sleep\",\"args\":{\"millis\":1}},{\"type\":\"errand.noop\",\"queue\":\"reports\"}]");

        assertThat(response.status()).isEqualTo(201);
        var items = response.json().getJsonArray("items");
        assertThat(items).hasSize(3);
        for (var item : items) {
            admin.awaitState(item.asJsonObject().getJsonNumber("id").longValue(), "SUCCEEDED");
        }
        assertThat(items.getJsonObject(2).getString("queue")).isEqualTo("reports");
    }

    @Test
    void aBatchWithOneBadJobStoresNone() {
        long before = Database.jobCount();

        Api.Response response = admin.post("/api/jobs/batch",
                "[{\"type\":\"errand.noop\"},{\"type\":\"errand.noop\"},{\"type\":\"no.such.type\"}]");

        assertProblem(response, 422, "[2].type");
        assertProblem(admin.post("/api/jobs/batch", "[{\"type\":\"errand.noop\"},{\"type\":7}]"), 422, "[1].type");
        assertProblem(admin.post("/api/jobs/batch", "[{\"type\":\"errand.noop\"},{}]"), 422, "[1].type");
        assertThat(Database.jobCount()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON          | {\"type\": \"errand.noop\"          | 400 | body",
            "not an object           | [1, 2]                            | 422 | body",
            "missing type            | {\"args\":{}}                      | 422 | type",
            "unknown type            | {\"type\":\"no.such.type\"}        | 422 | type",
            "type not a string       | {\"type\":42}                      | 422 | type",
            "unknown field           | {\"type\":\"errand.noop\",\"dealy\":\"PT1S\"} | 422 | dealy",
            "args of the wrong type  | {\"type\":\"errand.sleep\",\"args\":{\"millis\":\"soon\"}} | 422 | args",
            "args missing a value    | {\"type\":\"errand.sleep\",\"args\":{}} | 422 | args.millis",
            "args out of range       | {\"type\":\"errand.sleep\",\"args\":{\"millis\":-5}} | 422 | args.millis",
            "args with extra fields  | {\"type\":\"errand.noop\",\"args\":{\"x\":1}} | 422 | args.x",
            "args not an object      | {\"type\":\"errand.noop\",\"args\":[1]} | 422 | args",
            "bad delay               | {\"type\":\"errand.noop\",\"delay\":\"tomorrow\"} | 422 | delay",
            "negative delay          | {\"type\":\"errand.noop\",\"delay\":\"-PT5S\"} | 422 | delay",
            "bad runAt               | {\"type\":\"errand.noop\",\"runAt\":\"2030-13-01\"} | 422 | runAt",
            "delay and runAt         | {\"type\":\"errand.noop\",\"delay\":\"PT1S\",\"runAt\":\"2030-01-01T00:00:00Z\"} | 422 | delay",
            "maxAttempts zero        | {\"type\":\"errand.noop\",\"maxAttempts\":0} | 422 | maxAttempts",
            "maxAttempts not integer | {\"type\":\"errand.noop\",\"maxAttempts\":1.5} | 422 | maxAttempts",
            "maxAttempts a string    | {\"type\":\"errand.noop\",\"maxAttempts\":\"3\"} | 422 | maxAttempts",
            "bad queue name          | {\"type\":\"errand.noop\",\"queue\":\"a b\"} | 422 | queue",
            "empty body              | ''                                | 400 | body",
    })
    void badInputIsRefusedWithAProblemAndNothingIsStored(String label, String body, int status, String field) {
        long before = Database.jobCount();

        Api.Response response = admin.post("/api/jobs", body);

        assertProblem(response, status, field);
        assertThat(Database.jobCount()).isEqualTo(before);
    }

    @Test
    void aBodyOver64KibIsRefused() {
        String big = "{\"type\":\"errand.noop\",\"args\":{\"x\":\"" + "a".repeat(70 * 1024) + "\"}}";
        long before = Database.jobCount();

        assertProblem(admin.post("/api/jobs", big), 413, "body");
        assertThat(Database.jobCount()).isEqualTo(before);
    }

    @Test
    void aBodyThatIsNotJsonIsRefused() {
        Api.Response response = admin.postRaw("/api/jobs", "text/plain", "type=errand.noop".getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void unknownJobsAndBadQueryParametersAreProblemsNotErrors() {
        assertProblem(admin.get("/api/jobs/999999999999"), 404, null);
        assertProblem(admin.get("/api/jobs/abc"), 404, null);
        assertProblem(admin.get("/api/jobs?state=DONE"), 400, "state");
        assertProblem(admin.get("/api/jobs?limit=100000"), 400, "limit");
        assertProblem(admin.get("/api/jobs?cursor=x"), 400, "cursor");
        assertProblem(admin.post("/api/jobs/999999999999/requeue", ""), 404, null);
    }

    @Test
    void jobListsPageNewestFirstByCursor() {
        String type = "errand.sleep";
        long[] ids = new long[5];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = admin.enqueue("{\"type\":\"" + type + "\",\"queue\":\"paging\",\"args\":{\"millis\":0}}");
        }

        JsonObject first = admin.get("/api/jobs?queue=paging&limit=3").json();
        JsonObject second = admin.get("/api/jobs?queue=paging&limit=3&cursor=" + first.getString("next")).json();

        assertThat(first.getJsonArray("items").stream().map(j -> j.asJsonObject().getJsonNumber("id").longValue()))
                .containsExactly(ids[4], ids[3], ids[2]);
        assertThat(second.getJsonArray("items").stream().map(j -> j.asJsonObject().getJsonNumber("id").longValue()))
                .containsExactly(ids[1], ids[0]);
        assertThat(second.isNull("next")).isTrue();
    }

    static void assertProblem(Api.Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonObject problem = response.json();
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("detail")).isNotBlank();
        if (field != null) {
            assertThat(problem.getString("field")).isEqualTo(field);
        }
    }
}
