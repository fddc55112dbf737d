package dev.errand.job.monitoring;

import dev.errand.job.JobState;
import dev.errand.job.timing.Stage;
import dev.errand.job.timing.StageTimes;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /metrics}: job statistics in the Prometheus text format (version 0.0.4), role admin (web.xml).
 * Gauges, recomputed from the database on each scrape, so every server reports the same totals.
 */
@WebServlet("/metrics")
public class MetricsServlet extends HttpServlet {

    @Inject
    JobsMonitor monitor;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JobsSnapshot s = monitor.details();
        StringBuilder out = new StringBuilder(4096);

        help(out, "errand_jobs", "gauge", "Jobs stored, by type and state.");
        s.byTypeAndState().forEach((type, counts) -> counts.forEach((state, count) ->
                out.append("errand_jobs{type=\"").append(escape(type)).append("\",state=\"").append(state(state))
                        .append("\"} ").append(count).append('\n')));

        help(out, "errand_jobs_by_state", "gauge", "Jobs stored, by state (all types).");
        s.byState().forEach((state, count) ->
                out.append("errand_jobs_by_state{state=\"").append(state(state)).append("\"} ").append(count).append('\n'));

        gauge(out, "errand_jobs_succeeded_last_minute", "Jobs that finished SUCCEEDED in the last minute.",
                s.succeededLastMinute());
        gauge(out, "errand_jobs_failed_last_minute", "Jobs that finished FAILED in the last minute.",
                s.failedLastMinute());
        help(out, "errand_oldest_enqueued_job_age_seconds", "gauge", "How long the oldest ENQUEUED job has waited.");
        out.append("errand_oldest_enqueued_job_age_seconds ").append(s.oldestEnqueuedAgeSeconds()).append('\n');
        gauge(out, "errand_job_retries", "Attempts beyond the first, over the jobs stored.", s.retries());
        gauge(out, "errand_jobs_dead_lettered", "Jobs the broker gave up on (dead-letter queue), over the jobs stored.",
                s.deadLettered());
        gauge(out, "errand_workers_busy", "Jobs running on this server now.", s.workersBusy());

        help(out, "errand_job_duration_seconds", "histogram",
                "Run time of finished jobs (SUCCEEDED or FAILED) stored, by type.");
        for (Map.Entry<String, JobsSnapshot.Durations> e : s.durations().entrySet()) {
            String type = escape(e.getKey());
            JobsSnapshot.Durations d = e.getValue();
            for (int i = 0; i < JobsSnapshot.BUCKETS.size(); i++) {
                out.append("errand_job_duration_seconds_bucket{type=\"").append(type).append("\",le=\"")
                        .append(JobsSnapshot.BUCKETS.get(i)).append("\"} ").append(d.cumulative()[i]).append('\n');
            }
            out.append("errand_job_duration_seconds_bucket{type=\"").append(type).append("\",le=\"+Inf\"} ")
                    .append(d.count()).append('\n');
            out.append("errand_job_duration_seconds_sum{type=\"").append(type).append("\"} ").append(d.sumSeconds()).append('\n');
            out.append("errand_job_duration_seconds_count{type=\"").append(type).append("\"} ").append(d.count()).append('\n');
        }

        stages(out);

        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(out.toString());
    }

    /** The latency budget: this server's own stage times since it started (docs/performance.md). */
    private static void stages(StringBuilder out) {
        help(out, "errand_stage_seconds", "histogram",
                "Time spent in each stage of a job's way on this server since it started (per message where noted in docs).");
        for (Stage stage : Stage.values()) {
            StageTimes.Snapshot snapshot = StageTimes.snapshot(stage);
            String label = "errand_stage_seconds_bucket{stage=\"" + stage.label() + "\",le=\"";
            for (int i = 0; i < StageTimes.BOUNDS.size(); i++) {
                out.append(label).append(StageTimes.BOUNDS.get(i)).append("\"} ").append(snapshot.cumulative(i)).append('\n');
            }
            out.append(label).append("+Inf\"} ").append(snapshot.count()).append('\n');
            out.append("errand_stage_seconds_sum{stage=\"").append(stage.label()).append("\"} ")
                    .append(snapshot.sumSeconds()).append('\n');
            out.append("errand_stage_seconds_count{stage=\"").append(stage.label()).append("\"} ")
                    .append(snapshot.count()).append('\n');
        }
    }

    private static void help(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        help(out, name, "gauge", help);
        out.append(name).append(' ').append(value).append('\n');
    }

    private static String state(JobState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** Label values: backslash, double quote and line feed escaped, as the format requires. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
