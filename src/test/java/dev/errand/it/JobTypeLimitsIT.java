package dev.errand.it;

import static dev.errand.it.SubmissionIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Limits per job type over REST (docs/run-control.md "Limits per job type"): GET/PUT /api/job-types, a concurrency
 * limit never exceeded, a rate limit never exceeded in any window. The limits are set on the built-in types and
 * lifted after each test, so other ITs run unlimited.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JobTypeLimitsIT {

    private final Api admin = Api.admin();

    @AfterEach
    void liftLimits() {
        admin.put("/api/job-types/errand.sleep", "{}");
        admin.put("/api/job-types/errand.noop", "{}");
    }

    @Test
    void withConcurrencyTwoAtMostTwoRunAtOnceWhileFiftyDrain() {
        Api.Response set = admin.put("/api/job-types/errand.sleep", "{\"concurrency\":2}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().getJsonObject("jobType").getInt("concurrency")).isEqualTo(2);

        List<Long> ids = new ArrayList<>();
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 50; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"type\":\"errand.sleep\",\"args\":{\"millis\":100}}");
        }
        Api.Response created = admin.post("/api/jobs/batch", batch.append("]").toString());
        assertThat(created.status()).as(created.body()).isIn(200, 201);
        created.json().getJsonArray("items").forEach(j -> ids.add(j.asJsonObject().getJsonNumber("id").longValue()));
        assertThat(ids).hasSize(50);

        List<JobObservations.Interval> runs = new ArrayList<>();
        boolean heldSeen = false;
        for (long id : ids) {
            JsonObject job = admin.awaitJob(id, j -> j.getString("state").equals("SUCCEEDED"));
            runs.addAll(JobObservations.processing(job));
            heldSeen |= JobObservations.reasons(job).stream().anyMatch(r -> r.contains("concurrency limit of 2"));
        }
        // The PROCESSING intervals recorded in the jobs' histories: never more than two overlap.
        assertThat(JobObservations.maxOverlap(runs)).isLessThanOrEqualTo(2);
        assertThat(heldSeen).as("some job says it was held by the limit").isTrue();
        JsonObject type = admin.get("/api/job-types/errand.sleep").json();
        assertThat(type.getJsonArray("changes").getJsonObject(0).getString("by")).isEqualTo("admin");
    }

    /**
     * The same rule at 3 per 5 s, in seconds rather than a minute: the Payara run has only this one (the minute-long
     * test below is tagged {@code minute}, which the Payara execution in pom.xml leaves out). 8 jobs need three windows.
     */
    @Test
    void aRateLimitNeverStartsMoreThanItsNumberInAnyWindow() {
        assertRateHolds(3, "PT5S", 8);
    }

    /**
     * The issue's own figure, 10 per minute: 12 jobs, so the last two must wait for the first minute's window to
     * pass. The test takes a minute by nature; no window of 60 s may hold an 11th start.
     */
    @Test
    @Tag("minute")
    void aRateOfTenPerMinuteNeverStartsAnEleventhWithinAnySixtySeconds() {
        assertRateHolds(10, "PT1M", 12);
    }

    /** Sets the rate on errand.noop, submits the jobs, and reads every start from their histories. */
    private void assertRateHolds(int limit, String period, int jobs) {
        String rate = limit + "/" + period;
        Api.Response set = admin.put("/api/job-types/errand.noop", "{\"rate\":\"" + rate + "\"}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().getJsonObject("jobType").getString("rate")).isEqualTo(rate);

        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            ids.add(admin.enqueue("{\"type\":\"errand.noop\"}"));
        }
        Duration window = Duration.parse(period);
        List<Instant> starts = new ArrayList<>();
        boolean deferred = false;
        for (long id : ids) {
            JsonObject job = admin.awaitJob(id, j -> j.getString("state").equals("SUCCEEDED"),
                    window.multipliedBy(2).plusSeconds(30));
            JobObservations.processing(job).forEach(run -> starts.add(run.start()));
            deferred |= JobObservations.reasons(job).stream()
                    .anyMatch(r -> r.contains("started " + limit + " times in the last " + period));
        }
        assertThat(starts).hasSize(jobs);
        assertThat(JobObservations.maxInWindow(starts, window)).isLessThanOrEqualTo(limit);
        assertThat(deferred).as("some job says the rate deferred it").isTrue();
    }

    @Test
    void listsEveryTypeWithSettingsAndCounts() {
        admin.put("/api/job-types/errand.noop", "{\"concurrency\":7,\"timeout\":\"PT20S\",\"maxAttempts\":3}");
        long id = admin.enqueue("{\"type\":\"errand.noop\"}");
        admin.awaitState(id, "SUCCEEDED");

        List<JsonObject> types = admin.get("/api/job-types").array().stream().map(v -> v.asJsonObject()).toList();
        assertThat(types).extracting(t -> t.getString("type")).contains("errand.noop", "errand.sleep", "errand.fail");
        JsonObject noop = types.stream().filter(t -> t.getString("type").equals("errand.noop")).findFirst().orElseThrow();
        assertThat(noop.getInt("concurrency")).isEqualTo(7);
        assertThat(noop.getString("timeout")).isEqualTo("PT20S");
        assertThat(noop.getInt("maxAttempts")).isEqualTo(3);
        assertThat(noop.getJsonObject("counts").getJsonNumber("SUCCEEDED").longValue()).isPositive();
        assertThat(admin.job(id).getInt("maxAttempts")).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"concurrency\":0}", "{\"concurrency\":\"two\"}", "{\"rate\":\"10\"}",
            "{\"rate\":\"0/PT1M\"}", "{\"rate\":\"10/PT0.5S\"}", "{\"timeout\":\"PT0S\"}", "{\"maxAttempts\":101}",
            "{\"priority\":3}"})
    void badSettingsAreAProblemAndChangeNothing(String body) {
        Api.Response response = admin.put("/api/job-types/errand.noop", body);
        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(admin.get("/api/job-types/errand.noop").json().isNull("concurrency")).isTrue();
    }

    @Test
    void anUnknownTypeIsNotFoundAndOnlyAdminsMaySet() {
        assertProblem(admin.put("/api/job-types/no.such.type", "{}"), 404, null);
        assertThat(admin.get("/api/job-types/no.such.type").status()).isEqualTo(404);
        assertThat(Api.withRole("types-operator", "operator").put("/api/job-types/errand.noop", "{}").status())
                .isEqualTo(403);
        assertThat(Api.withRole("types-viewer", "viewer").get("/api/job-types").status()).isEqualTo(200);
    }
}
