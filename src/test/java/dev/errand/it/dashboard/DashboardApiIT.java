package dev.errand.it.dashboard;

import dev.errand.it.Api;
import dev.errand.it.Database;
import dev.errand.it.probe.SendServlet;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The API the dashboard adds: counters, history, bulk actions, dead-lettered jobs, events, CSRF guard. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DashboardApiIT {

    @Deployment(testable = false)
    static WebArchive probe() {
        return ShrinkWrap.create(WebArchive.class, "errand-probe.war").addClass(SendServlet.class);
    }

    private final Api admin = Api.admin();

    @Test
    void theCountsPerStateAreTheRowsPerState() {
        long ok = admin.enqueue("{\"type\":\"errand.noop\"}");
        long failed = admin.enqueue("{\"type\":\"errand.fail\",\"maxAttempts\":1,\"args\":{\"failures\":1}}");
        long later = admin.enqueue("{\"type\":\"errand.noop\",\"delay\":\"PT1H\"}");
        admin.awaitState(ok, "SUCCEEDED");
        admin.awaitState(failed, "FAILED");
        admin.delete("/api/jobs/" + later);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonObject stats = admin.get("/api/stats").json();
            for (String state : List.of("ENQUEUED", "SCHEDULED", "PROCESSING", "SUCCEEDED", "FAILED", "DELETED")) {
                assertThat(stats.getJsonNumber(state.toLowerCase()).longValue()).as(state)
                        .isEqualTo(Database.count("SELECT COUNT(*) FROM errand.job WHERE state = ?", state));
            }
        });
    }

    @Test
    void theHistoryHasEveryHourOfItsRange() {
        long id = admin.enqueue("{\"type\":\"errand.noop\"}");
        admin.awaitState(id, "SUCCEEDED");

        JsonObject day = admin.get("/api/stats/history?range=24h").json();
        assertThat(day.getJsonArray("points")).hasSize(24);
        JsonObject thisHour = day.getJsonArray("points").getJsonObject(23);
        assertThat(thisHour.getJsonNumber("succeeded").longValue()).isPositive();
        assertThat(admin.get("/api/stats/history?range=7d").json().getJsonArray("points")).hasSize(168);
        assertProblem(admin.get("/api/stats/history?range=1y"), 400, "range");
        assertProblem(Api.submitter("dash-history").get("/api/stats/history"), 403, null);
    }

    @Test
    void bulkActionsRequeueAndDeleteTheChosenJobs() {
        long a = failedJob();
        long b = failedJob();
        long running = admin.enqueue("{\"type\":\"errand.noop\",\"delay\":\"PT1H\"}");

        JsonObject requeued = admin.post("/api/jobs/bulk", "{\"action\":\"requeue\",\"ids\":[" + a + "," + b + ","
                + running + ",999999999]}").json();

        assertThat(requeued.getInt("changed")).isEqualTo(2);
        assertThat(requeued.getInt("skipped")).isEqualTo(2);
        for (long id : List.of(a, b)) {
            assertThat(Api.states(admin.awaitState(id, "FAILED"))).containsSubsequence("FAILED", "ENQUEUED", "FAILED");
        }
        assertThat(admin.job(running).getString("state")).isEqualTo("SCHEDULED");

        JsonObject deleted = admin.post("/api/jobs/bulk", "{\"action\":\"delete\",\"ids\":[" + a + "," + running + "]}").json();
        assertThat(deleted.getInt("changed")).isEqualTo(2);
        assertThat(admin.job(a).getString("state")).isEqualTo("DELETED");
        assertThat(admin.job(running).getString("state")).isEqualTo("DELETED");
    }

    @Test
    void aBulkActionOnAllFailedJobsReachesEveryOne() {
        long a = failedJob();
        long b = failedJob();

        JsonObject deleted = admin.post("/api/jobs/bulk", "{\"action\":\"delete\",\"state\":\"FAILED\"}").json();

        assertThat(deleted.getInt("changed")).isGreaterThanOrEqualTo(2);
        assertThat(admin.job(a).getString("state")).isEqualTo("DELETED");
        assertThat(admin.job(b).getString("state")).isEqualTo("DELETED");
    }

    @Test
    void badBulkRequestsAreRefusedAndChangeNothing() {
        long id = failedJob();
        long events = Database.settledEventCount();

        assertProblem(admin.post("/api/jobs/bulk", "{\"action\":\"explode\",\"ids\":[" + id + "]}"), 422, "action");
        assertProblem(admin.post("/api/jobs/bulk", "{\"action\":\"delete\"}"), 422, "ids");
        assertProblem(admin.post("/api/jobs/bulk", "{\"action\":\"delete\",\"ids\":[]}"), 422, "ids");
        assertProblem(admin.post("/api/jobs/bulk", "{\"action\":\"delete\",\"ids\":[\"x\"]}"), 422, "ids");
        assertProblem(admin.post("/api/jobs/bulk", "{\"action\":\"delete\",\"ids\":[" + id + "],\"state\":\"FAILED\"}"), 422, "ids");
        assertProblem(admin.post("/api/jobs/bulk", "{\"action\":\"delete\",\"state\":\"SUCCEEDED\"}"), 422, "state");
        assertProblem(admin.post("/api/jobs/bulk", "{\"action\":\"delete\",\"ids\":[" + id + "],\"all\":true}"), 422, "all");
        assertProblem(admin.post("/api/jobs/bulk", "[1,2]"), 422, "body");
        assertProblem(Api.submitter("dash-bulk").post("/api/jobs/bulk", "{\"action\":\"delete\",\"ids\":[" + id + "]}"), 403, null);

        assertThat(Database.eventCount()).isEqualTo(events);
        assertThat(admin.job(id).getString("state")).isEqualTo("FAILED");
    }

    @Test
    void crossSiteStateChangesAreRefusedButApiClientsAndTheOwnPagesPass() {
        long before = Database.jobCount();
        String job = "{\"type\":\"errand.noop\"}";

        assertProblem(admin.post("/api/jobs", job, Map.of("Origin", "http://evil.example")), 403, null);
        assertProblem(admin.post("/api/jobs", job, Map.of("Sec-Fetch-Site", "cross-site", "Origin", Api.BASE_URL)), 403, null);
        assertProblem(admin.post("/api/jobs/bulk", "{\"action\":\"delete\",\"state\":\"FAILED\"}",
                Map.of("Sec-Fetch-Site", "same-site")), 403, null);
        assertThat(Database.jobCount()).isEqualTo(before);

        assertThat(admin.post("/api/jobs", job).status()).as("a client that is not a browser").isEqualTo(201);
        assertThat(admin.post("/api/jobs", job, Map.of("Origin", Api.BASE_URL, "Sec-Fetch-Site", "same-origin")).status())
                .as("the dashboard's own page").isEqualTo(201);
        assertThat(admin.post("/api/jobs", job, Map.of("Origin", Api.BASE_URL)).status())
                .as("a browser that sends Origin only").isEqualTo(201);
    }

    @Test
    void aJobThatNeverStartedIsSentAgainAfterADeadLetterThenFailsAndIsListedApart() {
        long ordinary = failedJob();
        long dead = admin.enqueue("{\"type\":\"errand.noop\",\"delay\":\"PT1H\"}");
        String due = admin.job(dead).getString("scheduledAt");

        // the broker gives up on its message (as it may when a node dies with the message in its buffer): three
        // times the job keeps its state and due time under a new message, the fourth time it fails
        for (int resend = 1; resend <= 3; resend++) {
            deadLetter(dead);
            int events = 1 + resend;
            JsonObject job = admin.awaitJob(dead, j -> j.getJsonArray("history").size() == events);
            assertThat(job.getString("state")).isEqualTo("SCHEDULED");
            assertThat(job.getString("scheduledAt")).isEqualTo(due);
            assertThat(job.getJsonArray("history").getJsonObject(resend).getString("reason"))
                    .startsWith("message sent again after a dead letter (" + resend + " of 3)");
        }
        deadLetter(dead);
        admin.awaitState(dead, "FAILED");

        List<Long> listed = admin.get("/api/jobs/dead-lettered").json().getJsonArray("items").stream()
                .map(j -> j.asJsonObject().getJsonNumber("id").longValue()).toList();

        assertThat(listed).contains(dead).doesNotContain(ordinary);
        assertProblem(admin.get("/api/jobs/dead-lettered?limit=0"), 400, "limit");
    }

    /** Puts the job's current message on the dead-letter queue, as the broker does when it gives up on it. */
    private static void deadLetter(long id) {
        Api.Response sent = Api.anonymous().postRaw("/errand-probe/send?queue=dlq&body="
                + URLEncoder.encode(id + ":" + Database.dispatchOf(id), StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded", new byte[0]);
        assertThat(sent.status()).as(sent.body()).isEqualTo(204);
    }

    @Test
    void theEventStreamPushesCountsToAdministratorsOnly() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<InputStream> response = http.send(events("admin", Api.ADMIN_PASSWORD), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String event = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:") && "stats".equals(event)) {
                    JsonObject tick = Json.createReader(new java.io.StringReader(line.substring(5))).readObject();
                    assertThat(tick.getJsonObject("counts").keySet()).contains("succeeded", "failed", "enqueued");
                    assertThat(tick.keySet()).contains("at", "succeeded", "failed");
                    break;
                }
            }
            assertThat(event).isEqualTo("stats");
        }

        assertThat(http.send(events(null, null), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
        Api.submitter("dash-events");
        assertThat(http.send(events("dash-events", "dash-events-password-123"), HttpResponse.BodyHandlers.discarding())
                .statusCode()).isEqualTo(403);
    }

    private static HttpRequest events(String user, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Api.BASE_URL + "/api/events"))
                .timeout(Duration.ofSeconds(30)).header("Accept", "text/event-stream");
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return request.GET().build();
    }

    static void assertProblem(Api.Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        if (field != null) {
            assertThat(response.json().getString("field")).isEqualTo(field);
        }
    }

    private long failedJob() {
        long id = admin.enqueue("{\"type\":\"errand.fail\",\"maxAttempts\":1,\"args\":{\"failures\":99}}");
        admin.awaitState(id, "FAILED");
        return id;
    }
}
