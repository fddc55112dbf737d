package dev.errand.it;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.errand.it.SubmissionIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nightly report, built for today (the tests' zone is UTC) before and after jobs of the test ran: the
 * difference is exactly what the test did. Building a day again replaces its report.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReportIT {

    @RegisterExtension
    static GreenMailExtension mail = DemoUsers.mailServer();

    private final Api admin = Api.admin();
    private final String today = LocalDate.now(ZoneOffset.UTC).toString();

    @Test
    void theReportCountsTheDaysSignUpsJobsFailuresAndRunTimes() {
        JsonObject before = buildReport();

        DemoUsers.register("max");
        DemoUsers.register("mia");
        List<Long> jobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            jobs.add(admin.enqueue("{\"type\":\"errand.sleep\",\"args\":{\"millis\":" + (20 + 10 * i) + "}}"));
        }
        // two failed attempts, then success; and one job that fails for good after one attempt
        jobs.add(admin.enqueue("{\"type\":\"errand.fail\",\"args\":{\"failures\":2}}"));
        jobs.add(admin.enqueue("{\"type\":\"errand.fail\",\"maxAttempts\":1,\"args\":{\"failures\":1}}"));
        jobs.forEach(id -> admin.awaitJob(id, j -> j.getString("state").matches("SUCCEEDED|FAILED")));
        JsonObject after = buildReport();

        assertThat(after.getString("date")).isEqualTo(today);
        assertThat(after.getString("zone")).isEqualTo("UTC");
        assertThat(after.getInt("signups") - before.getInt("signups")).isEqualTo(2);
        assertThat(jobs(after, "errand.sleep", "SUCCEEDED") - jobs(before, "errand.sleep", "SUCCEEDED")).isEqualTo(3);
        assertThat(jobs(after, "errand.fail", "SUCCEEDED") - jobs(before, "errand.fail", "SUCCEEDED")).isEqualTo(1);
        assertThat(jobs(after, "errand.fail", "FAILED") - jobs(before, "errand.fail", "FAILED")).isEqualTo(1);
        assertThat(failures(after, "errand.fail") - failures(before, "errand.fail")).isEqualTo(3);
        JsonObject sleeps = group(after, "errand.sleep", "SUCCEEDED");
        assertThat(sleeps.getJsonNumber("p50").doubleValue()).isGreaterThanOrEqualTo(20.0);
        assertThat(sleeps.getJsonNumber("p95").doubleValue()).isGreaterThanOrEqualTo(sleeps.getJsonNumber("p50").doubleValue());
        JsonObject overall = after.getJsonObject("runTimeMs");
        assertThat(overall.getJsonNumber("p95").doubleValue()).isGreaterThanOrEqualTo(overall.getJsonNumber("p50").doubleValue());
        assertThat(Database.count("SELECT COUNT(*) FROM errand.report WHERE report_date = CAST(? AS date)", today))
                .as("one row per day, replaced").isEqualTo(1);
        assertThat(admin.get("/api/reports").json().getJsonArray("items").getJsonObject(0).getString("date")).isEqualTo(today);
    }

    @Test
    void aReportDownloadsAsCsv() {
        buildReport();

        Api.Response csv = admin.get("/api/reports/" + today, "text/csv");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("date,metric,type,state,value");
        assertThat(lines).anyMatch(l -> l.matches(today + ",signups,,,\\d+"));
        assertThat(lines).anyMatch(l -> l.matches(today + ",run_time_p95_ms,,,[0-9.]*"));
        assertThat(admin.get("/api/reports", "text/csv").body()).startsWith("date,metric,type,state,value\r\n" + today);
        assertThat(admin.get("/api/reports/" + today, "*/*").contentType()).as("JSON unless CSV is asked for")
                .startsWith("application/json");
    }

    @Test
    void reportsAreForAdministratorsAndBadRequestsAreProblems() {
        Api submitter = Api.submitter("reporter");
        assertProblem(submitter.get("/api/reports"), 403, null);
        assertProblem(Api.anonymous().get("/api/reports"), 401, null);
        assertProblem(admin.get("/api/reports/yesterday"), 400, "date");
        assertProblem(admin.get("/api/reports/1999-01-01"), 404, null);
        assertProblem(admin.get("/api/reports?limit=0"), 400, "limit");
        long reports = Database.count("SELECT COUNT(*) FROM errand.report");
        long jobs = Database.jobCount();
        assertProblem(admin.post("/api/jobs", "{\"type\":\"report.nightly\",\"args\":{\"date\":\"2026-02-30\"}}"), 422, null);
        assertProblem(admin.post("/api/jobs", "{\"type\":\"report.nightly\",\"args\":{\"day\":\"2026-02-01\"}}"), 422, "args.day");
        assertThat(Database.count("SELECT COUNT(*) FROM errand.report")).isEqualTo(reports);
        assertThat(Database.jobCount()).isEqualTo(jobs);
    }

    private JsonObject buildReport() {
        long id = admin.enqueue("{\"type\":\"report.nightly\",\"args\":{\"date\":\"" + today + "\"}}");
        admin.awaitState(id, "SUCCEEDED");
        Api.Response report = admin.get("/api/reports/" + today);
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        return report.json();
    }

    private static JsonObject group(JsonObject report, String type, String state) {
        return report.getJsonArray("jobs").stream().map(JsonValue::asJsonObject)
                .filter(g -> g.getString("type").equals(type) && g.getString("state").equals(state))
                .findFirst().orElse(null);
    }

    private static int jobs(JsonObject report, String type, String state) {
        JsonObject group = group(report, type, state);
        return group == null ? 0 : group.getInt("count");
    }

    private static int failures(JsonObject report, String type) {
        return report.getJsonArray("failures").stream().map(JsonValue::asJsonObject)
                .filter(f -> f.getString("type").equals(type)).mapToInt(f -> f.getInt("count")).findFirst().orElse(0);
    }
}
