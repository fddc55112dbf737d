package dev.errand.it;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Recurring jobs as an administrator sees them over REST, and the persistent timers behind them. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RecurringJobsIT {

    private final Api admin = Api.admin();

    @Test
    void aDefinitionShowsWhenItRunsNextAndItsTimerFiresThenAcrossDaylightSavingChanges() {
        // noon in Berlin on the days its clocks change in 2027: CEST (+2) from 28 March, CET (+1) from 31 October
        Api.Response put = admin.put("/api/recurring-jobs/it-dst-autumn",
                "{\"type\":\"errand.noop\",\"cron\":\"0 12 31 10 *\",\"timeZone\":\"Europe/Berlin\"}");
        admin.put("/api/recurring-jobs/it-dst-spring",
                "{\"type\":\"errand.noop\",\"cron\":\"0 12 28 3 *\",\"timeZone\":\"Europe/Berlin\"}");

        assertThat(put.status()).isEqualTo(201);
        assertThat(put.header("Location")).endsWith("/api/recurring-jobs/it-dst-autumn");
        JsonObject job = admin.get("/api/recurring-jobs/it-dst-autumn").json();
        assertThat(job.getString("id")).isEqualTo("it-dst-autumn");
        assertThat(job.getString("type")).isEqualTo("errand.noop");
        assertThat(job.getJsonObject("args")).isEmpty();
        assertThat(job.getString("cron")).isEqualTo("0 12 31 10 *");
        assertThat(job.getString("timeZone")).isEqualTo("Europe/Berlin");
        assertThat(job.isNull("lastRun")).isTrue();
        assertThat(job.isNull("lastJobId")).isTrue();
        Instant autumn = Instant.parse(job.getString("nextRun"));
        Instant spring = Instant.parse(admin.get("/api/recurring-jobs/it-dst-spring").json().getString("nextRun"));
        assertThat(autumn).isEqualTo(nextNoonInBerlin(10, 31));
        assertThat(spring).isEqualTo(nextNoonInBerlin(3, 28));
        assertThat(Timers.nextTimeoutOf("it-dst-autumn")).isEqualTo(autumn);
        assertThat(Timers.nextTimeoutOf("it-dst-spring")).isEqualTo(spring);

        admin.delete("/api/recurring-jobs/it-dst-autumn");
        admin.delete("/api/recurring-jobs/it-dst-spring");
    }

    @Test
    void aTimeThatClocksRepeatRunsAtItsFirstOccurrenceAndASkippedOneNotThatDay() {
        // 02:30 happens twice in Berlin on 2027-10-31 and not at all on 2027-03-28
        admin.put("/api/recurring-jobs/it-dst-repeated",
                "{\"type\":\"errand.noop\",\"cron\":\"30 2 31 10 *\",\"timeZone\":\"Europe/Berlin\"}");
        admin.put("/api/recurring-jobs/it-dst-skipped",
                "{\"type\":\"errand.noop\",\"cron\":\"30 2 28 3 *\",\"timeZone\":\"Europe/Berlin\"}");

        Instant repeated = Instant.parse(admin.get("/api/recurring-jobs/it-dst-repeated").json().getString("nextRun"));
        Instant skipped = Instant.parse(admin.get("/api/recurring-jobs/it-dst-skipped").json().getString("nextRun"));

        assertThat(repeated).isEqualTo(nextExisting230InBerlin(10, 31));
        assertThat(skipped).isEqualTo(nextExisting230InBerlin(3, 28));
        // some timer of each fires then (the container's calendar alone may pick another occurrence)
        assertThat(Timers.nextTimeoutsOf("it-dst-repeated")).contains(repeated);
        assertThat(Timers.nextTimeoutsOf("it-dst-skipped")).contains(skipped);

        admin.delete("/api/recurring-jobs/it-dst-repeated");
        admin.delete("/api/recurring-jobs/it-dst-skipped");
        assertThat(Timers.countFor("it-dst-repeated") + Timers.countFor("it-dst-skipped")).isZero();
    }

    /** 02:30 on that day in Berlin, its first occurrence, in the next year in which it exists. */
    private static Instant nextExisting230InBerlin(int month, int day) {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        for (int year = LocalDate.now(berlin).getYear(); ; year++) {
            java.time.LocalDateTime wallTime = LocalDate.of(year, month, day).atTime(2, 30);
            if (berlin.getRules().getValidOffsets(wallTime).isEmpty()) {
                continue; // skipped by daylight saving time that year
            }
            Instant first = wallTime.atZone(berlin).withEarlierOffsetAtOverlap().toInstant();
            if (first.isAfter(Instant.now())) {
                return first;
            }
        }
    }

    private static Instant nextNoonInBerlin(int month, int day) {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        int year = LocalDate.now(berlin).getYear();
        Instant candidate = LocalDate.of(year, month, day).atTime(12, 0).atZone(berlin).toInstant();
        return candidate.isAfter(Instant.now()) ? candidate
                : LocalDate.of(year + 1, month, day).atTime(12, 0).atZone(berlin).toInstant();
    }

    @Test
    void definingTheSameJobTwiceKeepsOneTimerAndAChangeReplacesIt() {
        String body = "{\"type\":\"errand.noop\",\"cron\":\"15 9 * * 1-5\",\"timeZone\":\"America/New_York\"}";
        assertThat(admin.put("/api/recurring-jobs/it-twice", body).status()).isEqualTo(201);
        assertThat(admin.put("/api/recurring-jobs/it-twice", body).status()).isEqualTo(200);

        assertThat(Timers.countFor("it-twice")).isEqualTo(1);
        Instant weekdays = Instant.parse(admin.get("/api/recurring-jobs/it-twice").json().getString("nextRun"));
        assertThat(Timers.nextTimeoutOf("it-twice")).isEqualTo(weekdays);

        Api.Response changed = admin.put("/api/recurring-jobs/it-twice",
                "{\"type\":\"errand.sleep\",\"args\":{\"millis\":1},\"cron\":\"@monthly\"}");
        assertThat(changed.status()).isEqualTo(200);
        JsonObject job = changed.json();
        assertThat(job.getString("type")).isEqualTo("errand.sleep");
        assertThat(job.getJsonObject("args").getInt("millis")).isEqualTo(1);
        assertThat(job.getString("timeZone")).isEqualTo("UTC");
        Instant monthly = Instant.parse(job.getString("nextRun"));
        assertThat(monthly.atZone(ZoneOffset.UTC).getDayOfMonth()).isEqualTo(1);
        assertThat(Timers.countFor("it-twice")).isEqualTo(1);
        assertThat(Timers.nextTimeoutOf("it-twice")).isEqualTo(monthly);

        admin.delete("/api/recurring-jobs/it-twice");
    }

    @Test
    void triggerEnqueuesTheJobNow() {
        admin.put("/api/recurring-jobs/it-trigger", "{\"type\":\"errand.noop\",\"cron\":\"@yearly\"}");

        Api.Response triggered = admin.post("/api/recurring-jobs/it-trigger/trigger", "");

        assertThat(triggered.status()).isEqualTo(201);
        long id = triggered.json().getJsonNumber("id").longValue();
        assertThat(triggered.header("Location")).endsWith("/api/jobs/" + id);
        JsonObject job = admin.awaitState(id, "SUCCEEDED");
        assertThat(job.getJsonArray("history").getJsonObject(0).getString("reason"))
                .contains("recurring job it-trigger").contains("triggered by admin");
        JsonObject recurring = admin.get("/api/recurring-jobs/it-trigger").json();
        assertThat(recurring.getJsonNumber("lastJobId").longValue()).isEqualTo(id);
        assertThat(Instant.parse(recurring.getString("lastRun"))).isBefore(Instant.now().plusSeconds(5));

        admin.delete("/api/recurring-jobs/it-trigger");
    }

    @Test
    void deletingStopsItAndRemovesItsTimer() {
        admin.put("/api/recurring-jobs/it-delete", "{\"type\":\"errand.noop\",\"cron\":\"*/5 * * * *\"}");
        assertThat(Timers.countFor("it-delete")).isEqualTo(1);

        assertThat(admin.delete("/api/recurring-jobs/it-delete").status()).isEqualTo(204);

        assertThat(Timers.countFor("it-delete")).isZero();
        assertThat(admin.get("/api/recurring-jobs/it-delete").status()).isEqualTo(404);
        assertThat(admin.delete("/api/recurring-jobs/it-delete").status()).isEqualTo(404);
        assertThat(admin.post("/api/recurring-jobs/it-delete/trigger", "").status()).isEqualTo(404);
        assertThat(admin.get("/api/recurring-jobs").array().stream()
                .map(j -> j.asJsonObject().getString("id"))).doesNotContain("it-delete");
    }

    @Test
    void badCronOrZoneIsRefusedNamingTheFieldAndNothingIsStored() {
        assertProblem(admin.put("/api/recurring-jobs/it-bad", "{\"type\":\"errand.noop\",\"cron\":\"61 * * * *\"}"),
                400, "cron");
        assertProblem(admin.put("/api/recurring-jobs/it-bad", "{\"type\":\"errand.noop\",\"cron\":\"* * * *\"}"),
                400, "cron");
        assertProblem(admin.put("/api/recurring-jobs/it-bad", "{\"type\":\"errand.noop\",\"cron\":\"0 0 30 2 *\"}"),
                400, "cron");
        assertProblem(admin.put("/api/recurring-jobs/it-bad", "{\"type\":\"errand.noop\"}"), 400, "cron");
        assertProblem(admin.put("/api/recurring-jobs/it-bad",
                "{\"type\":\"errand.noop\",\"cron\":\"@daily\",\"timeZone\":\"Europe/Atlantis\"}"), 400, "timeZone");
        assertProblem(admin.put("/api/recurring-jobs/it-bad",
                "{\"type\":\"errand.noop\",\"cron\":\"@daily\",\"timeZone\":\"+02:00\"}"), 400, "timeZone");
        assertProblem(admin.put("/api/recurring-jobs/it-bad", "{\"type\":\"no.such.type\",\"cron\":\"@daily\"}"),
                422, "type");
        assertProblem(admin.put("/api/recurring-jobs/it-bad",
                "{\"type\":\"errand.sleep\",\"args\":{\"nap\":1},\"cron\":\"@daily\"}"), 422, "args.nap");
        assertProblem(admin.put("/api/recurring-jobs/it%20bad", "{\"type\":\"errand.noop\",\"cron\":\"@daily\"}"),
                422, "id");

        assertThat(admin.get("/api/recurring-jobs/it-bad").status()).isEqualTo(404);
        assertThat(Database.count("SELECT COUNT(*) FROM errand.recurring_job WHERE id LIKE 'it%bad'")).isZero();
        assertThat(Timers.countFor("it-bad")).isZero();
    }

    @Test
    void onlyAdministratorsManageRecurringJobs() {
        Api submitter = Api.submitter("recurring-submitter");
        assertThat(submitter.get("/api/recurring-jobs").status()).isEqualTo(403);
        assertThat(submitter.put("/api/recurring-jobs/it-sub", "{\"type\":\"errand.noop\",\"cron\":\"@daily\"}").status())
                .isEqualTo(403);
        assertThat(Api.anonymous().get("/api/recurring-jobs").status()).isEqualTo(401);
        assertThat(admin.get("/api/recurring-jobs/it-sub").status()).isEqualTo(404);
    }

    @Test
    void theNightlyReportIsARecurringJobAt2AmThatCountsYesterdaysJobs() {
        JsonObject nightly = admin.get("/api/recurring-jobs/nightly-report").json();
        assertThat(nightly.getString("type")).isEqualTo("report.nightly");
        assertThat(nightly.getString("cron")).isEqualTo("0 2 * * *");
        assertThat(nightly.getString("timeZone")).isEqualTo("UTC");
        assertThat(Timers.countFor("nightly-report")).isEqualTo(1);
        assertThat(admin.get("/api/stats").json().getJsonNumber("recurring").longValue()).isPositive();

        long id = admin.post("/api/recurring-jobs/nightly-report/trigger", "").json().getJsonNumber("id").longValue();

        admin.awaitState(id, "SUCCEEDED");
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        Api.Response report = admin.get("/api/reports/" + yesterday);
        assertThat(report.status()).as(report.body()).isEqualTo(200);
    }

    /** A real schedule, every 5 seconds, from the definition to the job it enqueues. */
    @Test
    void anEveryFiveSecondsScheduleEnqueuesItsJobWhenDue() {
        Instant defined = Instant.now();
        admin.put("/api/recurring-jobs/it-every-5s", "{\"type\":\"errand.noop\",\"cron\":\"*/5 * * * * *\"}");
        try {
            JsonObject[] seen = new JsonObject[1];
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        seen[0] = admin.get("/api/recurring-jobs/it-every-5s").json();
                        return !seen[0].isNull("lastJobId");
                    });
            assertThat(Timers.countFor("it-every-5s")).as("the calendar timer alone, no extra timer").isEqualTo(1);
            Instant due = Instant.parse(seen[0].getString("lastRun"));
            assertThat(due).isAfter(defined);
            assertThat(due.getEpochSecond() % 5).as("due on a multiple of 5 seconds: %s", due).isZero();
            assertThat(due.getNano()).isZero();
            assertThat(Instant.parse(seen[0].getString("nextRun"))).isAfter(due);
            JsonObject job = admin.awaitState(seen[0].getJsonNumber("lastJobId").longValue(), "SUCCEEDED");
            assertThat(job.getJsonArray("history").getJsonObject(0).getString("reason")).contains("recurring job it-every-5s");
            assertThat(Database.count("SELECT COUNT(*) FROM errand.recurring_run WHERE recurring_id = 'it-every-5s' AND due_at = ?",
                    OffsetDateTime.ofInstant(due, ZoneOffset.UTC))).isEqualTo(1);
        } finally {
            // deleted last: deleting the definition deletes its run records (ON DELETE CASCADE); and a schedule left
            // behind by a failure here would add a job every 5 seconds to every later test
            admin.delete("/api/recurring-jobs/it-every-5s");
        }
    }

    private static void assertProblem(Api.Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().getString("field")).isEqualTo(field);
    }
}
