package dev.errand.it;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.errand.it.SubmissionIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code GET /metrics}: Prometheus text for administrators, and the numbers follow the jobs. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsIT {

    @Test
    void metricsAreForAdministratorsOnly() {
        assertProblem(Api.anonymous().get("/metrics"), 401, null);
        assertProblem(Api.submitter("metrics-reader").get("/metrics"), 403, null);
    }

    @Test
    void finishedJobsShowInCountsAndDurations() {
        Api admin = Api.admin();
        long succeededBefore = value(admin.get("/metrics").body(), "errand_jobs{type=\"errand.noop\",state=\"succeeded\"}");
        long failedBefore = value(admin.get("/metrics").body(), "errand_jobs{type=\"errand.fail\",state=\"failed\"}");
        long retriesBefore = value(admin.get("/metrics").body(), "errand_job_retries");

        long ok = admin.enqueue("{\"type\":\"errand.noop\"}");
        long bad = admin.enqueue("{\"type\":\"errand.fail\",\"maxAttempts\":1,\"args\":{\"failures\":1}}");
        admin.awaitState(ok, "SUCCEEDED");
        long retried = admin.enqueue("{\"type\":\"errand.fail\",\"maxAttempts\":2,\"args\":{\"failures\":1}}");
        admin.awaitState(bad, "FAILED");
        admin.awaitState(retried, "SUCCEEDED");

        Api.Response metrics = admin.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain");
        String body = metrics.body();
        assertThat(value(body, "errand_jobs{type=\"errand.noop\",state=\"succeeded\"}")).isGreaterThan(succeededBefore);
        assertThat(value(body, "errand_jobs{type=\"errand.fail\",state=\"failed\"}")).isGreaterThan(failedBefore);
        assertThat(value(body, "errand_job_retries")).isGreaterThan(retriesBefore);
        assertThat(value(body, "errand_job_duration_seconds_count{type=\"errand.noop\"}")).isPositive();
        assertThat(value(body, "errand_job_duration_seconds_bucket{type=\"errand.noop\",le=\"+Inf\"}"))
                .isEqualTo(value(body, "errand_job_duration_seconds_count{type=\"errand.noop\"}"));
        assertThat(body).contains("# TYPE errand_job_duration_seconds histogram", "errand_jobs_by_state{state=\"enqueued\"} ",
                "errand_oldest_enqueued_job_age_seconds ", "errand_job_retries ", "errand_jobs_dead_lettered ",
                "errand_workers_busy ");
    }

    /** The totals by state are the sums by type: both come from one read of the counters (V8__job_metrics.sql). */
    @Test
    void totalsByStateAreTheSumsByType() {
        Api admin = Api.admin();
        admin.awaitState(admin.enqueue("{\"type\":\"errand.noop\"}"), "SUCCEEDED");

        String body = admin.get("/metrics").body();
        for (String state : new String[] {"enqueued", "scheduled", "awaiting", "processing", "succeeded", "failed", "deleted"}) {
            Matcher m = Pattern.compile("(?m)^errand_jobs\\{type=\"[^\"]*\",state=\"" + state + "\"} (\\S+)$").matcher(body);
            long sum = 0;
            while (m.find()) {
                sum += (long) Double.parseDouble(m.group(1));
            }
            assertThat(value(body, "errand_jobs_by_state{state=\"" + state + "\"}")).as(state).isEqualTo(sum);
        }
        assertThat(value(body, "errand_jobs_by_state{state=\"succeeded\"}")).isPositive();
    }

    /**
     * The latency budget (docs/performance.md): each stage of a single submission's way, from the request to the
     * outcome's commit, counts on the server that did it. One server here, so every stage grows with the job.
     */
    @Test
    void aSingleSubmissionCountsInEveryStageOfTheLatencyBudget() {
        Api admin = Api.admin();
        String before = admin.get("/metrics").body();

        admin.awaitState(admin.enqueue("{\"type\":\"errand.noop\"}"), "SUCCEEDED");

        String after = admin.get("/metrics").body();
        assertThat(after).contains("# TYPE errand_stage_seconds histogram");
        for (String stage : new String[] {"request", "submit_commit", "delivery", "claim", "handler_start", "handler",
                "outcome", "message"}) {
            String count = "errand_stage_seconds_count{stage=\"" + stage + "\"}";
            // awaitState sees SUCCEEDED once the outcome commits; the outcome's and the message's timings follow
            // at once, but on the worker's thread: wait for them rather than race them
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(value(admin.get("/metrics").body(), count)).as(stage).isGreaterThan(value(before, count)));
            String latest = admin.get("/metrics").body();
            assertThat(value(latest, "errand_stage_seconds_bucket{stage=\"" + stage + "\",le=\"+Inf\"}"))
                    .as(stage).isEqualTo(value(latest, count));
        }
    }

    /** The value of one sample line, 0 when the series is absent. */
    private static long value(String body, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(body);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }
}
