package dev.errand.job.recurring;

import dev.errand.job.InvalidScheduleException;
import jakarta.ejb.ScheduleExpression;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aTimeSkippedWhenClocksGoForwardIsSkippedThatDay() {
        // 2027-03-28 02:00 CET -> 03:00 CEST in Berlin: 02:30 does not exist that day
        CronSchedule schedule = CronSchedule.parse("30 2 * * *", "Europe/Berlin");

        assertThat(runs(schedule, ZonedDateTime.of(2027, 3, 26, 12, 0, 0, 0, BERLIN), 3)).containsExactly(
                Instant.parse("2027-03-27T01:30:00Z"),  // 02:30 CET
                Instant.parse("2027-03-29T00:30:00Z"),  // 02:30 CEST; none on the 28th
                Instant.parse("2027-03-30T00:30:00Z"));
    }

    @Test
    void aTimeAfterTheGapKeepsItsLocalTimeAcrossTheChange() {
        CronSchedule schedule = CronSchedule.parse("0 3 * * *", "Europe/Berlin");

        assertThat(runs(schedule, ZonedDateTime.of(2027, 3, 27, 12, 0, 0, 0, BERLIN), 2)).containsExactly(
                Instant.parse("2027-03-28T01:00:00Z"),  // 03:00 CEST, the first hour after the gap
                Instant.parse("2027-03-29T01:00:00Z"));
    }

    @Test
    void aTimeThatOccursTwiceWhenClocksGoBackRunsOnceAtItsFirstOccurrence() {
        // 2027-10-31 03:00 CEST -> 02:00 CET in Berlin: 02:30 happens at 00:30Z and again at 01:30Z
        CronSchedule schedule = CronSchedule.parse("30 2 * * *", "Europe/Berlin");

        assertThat(runs(schedule, ZonedDateTime.of(2027, 10, 30, 12, 0, 0, 0, BERLIN), 2)).containsExactly(
                Instant.parse("2027-10-31T00:30:00Z"),
                Instant.parse("2027-11-01T01:30:00Z"));
        // a timer waking at the second 02:30 finds the first one as the instant due: already run, no second run
        assertThat(schedule.lastBefore(Instant.parse("2027-10-31T01:30:02Z")))
                .contains(Instant.parse("2027-10-31T00:30:00Z"));
    }

    @Test
    void aWildcardHourRunsThroughTheRepeatedHourByTheClock() {
        CronSchedule schedule = CronSchedule.parse("*/30 * * * *", "Europe/Berlin");

        assertThat(runs(schedule, ZonedDateTime.parse("2027-10-31T01:45+02:00[Europe/Berlin]"), 5)).containsExactly(
                Instant.parse("2027-10-31T00:00:00Z"),  // 02:00 CEST
                Instant.parse("2027-10-31T00:30:00Z"),  // 02:30 CEST
                Instant.parse("2027-10-31T01:00:00Z"),  // 02:00 CET
                Instant.parse("2027-10-31T01:30:00Z"),  // 02:30 CET
                Instant.parse("2027-10-31T02:00:00Z"));
        assertThat(schedule.lastBefore(Instant.parse("2027-10-31T01:30:02Z"))).contains(Instant.parse("2027-10-31T01:30:00Z"));
    }

    @Test
    void theDueInstantOfAFiringIsTheLatestOneAtOrJustBeforeIt() {
        CronSchedule schedule = CronSchedule.parse("*/15 * * * *", "UTC");

        // on time, a little late, and a catch-up long after (only the latest missed instant counts)
        assertThat(schedule.lastBefore(Instant.parse("2030-01-01T10:15:02Z"))).contains(Instant.parse("2030-01-01T10:15:00Z"));
        assertThat(schedule.lastBefore(Instant.parse("2030-01-01T10:15:00.500Z"))).contains(Instant.parse("2030-01-01T10:15:00Z"));
        assertThat(schedule.lastBefore(Instant.parse("2030-01-01T13:07:00Z"))).contains(Instant.parse("2030-01-01T13:00:00Z"));
    }

    @Test
    void translatesToAnEjbCalendarInTheSameZone() {
        ScheduleExpression timer = CronSchedule.parse("*/15 9-17 * * MON-FRI", "Europe/Berlin").toScheduleExpression();

        assertThat(timer.getSecond()).isEqualTo("0");
        assertThat(timer.getMinute()).isEqualTo("0,15,30,45");
        assertThat(timer.getHour()).isEqualTo("9-17");
        assertThat(timer.getDayOfMonth()).isEqualTo("*");
        assertThat(timer.getMonth()).isEqualTo("*");
        assertThat(timer.getDayOfWeek()).isEqualTo("1-5");
        assertThat(timer.getYear()).isEqualTo("*");
        assertThat(timer.getTimezone()).isEqualTo("Europe/Berlin");
    }

    @Test
    void expandsStepsTheEjbSyntaxLacksAndNamesAndSundayAsSeven() {
        ScheduleExpression everyOtherDay = CronSchedule.parse("0 0 */2 * *", "UTC").toScheduleExpression();
        assertThat(everyOtherDay.getDayOfMonth()).isEqualTo("1,3,5,7,9,11,13,15,17,19,21,23,25,27,29,31");

        ScheduleExpression weekend = CronSchedule.parse("0 12 * jan,Jul 5-7", "UTC").toScheduleExpression();
        assertThat(weekend.getMonth()).isEqualTo("1,7");
        assertThat(weekend.getDayOfWeek()).isEqualTo("0,5-6");

        ScheduleExpression both = CronSchedule.parse("0 0 13 * 5", "UTC").toScheduleExpression();
        assertThat(both.getDayOfMonth()).isEqualTo("13");
        assertThat(both.getDayOfWeek()).isEqualTo("5");
    }

    @Test
    void macrosAreTheirFiveFieldForms() {
        assertThat(fields(CronSchedule.parse("@hourly", null))).containsExactly("0", "*", "*", "*", "*");
        assertThat(fields(CronSchedule.parse("@daily", null))).containsExactly("0", "0", "*", "*", "*");
        assertThat(fields(CronSchedule.parse("@weekly", null))).containsExactly("0", "0", "*", "*", "0");
        assertThat(fields(CronSchedule.parse("@monthly", null))).containsExactly("0", "0", "1", "*", "*");
        assertThat(fields(CronSchedule.parse("@YEARLY", null))).containsExactly("0", "0", "1", "1", "*");
        assertThat(CronSchedule.parse("@daily", null).zone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void aLeadingSecondsFieldSchedulesFinerThanAMinute() {
        CronSchedule every10s = CronSchedule.parse("*/10 * * * * *", "UTC");
        assertThat(runs(every10s, ZonedDateTime.parse("2026-03-01T10:00:05Z"), 3)).containsExactly(
                Instant.parse("2026-03-01T10:00:10Z"), Instant.parse("2026-03-01T10:00:20Z"), Instant.parse("2026-03-01T10:00:30Z"));
        assertThat(every10s.lastBefore(Instant.parse("2026-03-01T10:00:25Z"))).contains(Instant.parse("2026-03-01T10:00:20Z"));
        ScheduleExpression timer = every10s.toScheduleExpression();
        assertThat(timer.getSecond()).isEqualTo("0,10,20,30,40,50");
        assertThat(timer.getMinute()).isEqualTo("*");

        CronSchedule weekdays = CronSchedule.parse("30 15 2 * * MON-FRI", "UTC");
        assertThat(weekdays.nextAfter(Instant.parse("2026-03-01T00:00:00Z"))) // a Sunday
                .contains(Instant.parse("2026-03-02T02:15:30Z"));
        assertThat(fields(weekdays)).containsExactly("15", "2", "*", "*", "1-5");
        assertThat(weekdays.toScheduleExpression().getSecond()).isEqualTo("30");
        assertThat(CronSchedule.parse("0 0 * * *", "UTC").toScheduleExpression().getSecond()).isEqualTo("0");
    }

    @Test
    void badExpressionsNameTheCronField() {
        for (String bad : List.of("", "* * * *", "* * * * * * *", "60 * * * * *", "61 * * * *", "0 24 * * *", "0 0 * * 8", "0 0 L * *",
                "0 0 ? * *", "@often", "0 0 30 2 *", "5-1 * * * *")) {
            assertThatThrownBy(() -> CronSchedule.parse(bad, "UTC"))
                    .as(bad).isInstanceOf(InvalidScheduleException.class)
                    .satisfies(e -> assertThat(((InvalidScheduleException) e).field()).isEqualTo("cron"));
        }
    }

    @Test
    void badZonesNameTheTimeZoneField() {
        for (String bad : List.of("Mars/Olympus_Mons", "+02:00", "GMT+2", "CEST", "europe/berlin")) {
            assertThatThrownBy(() -> CronSchedule.parse("0 0 * * *", bad))
                    .as(bad).isInstanceOf(InvalidScheduleException.class)
                    .satisfies(e -> assertThat(((InvalidScheduleException) e).field()).isEqualTo("timeZone"));
        }
    }

    private static List<Instant> runs(CronSchedule schedule, ZonedDateTime from, int count) {
        List<Instant> runs = new ArrayList<>();
        Instant at = from.toInstant();
        for (int i = 0; i < count; i++) {
            at = schedule.nextAfter(at).orElseThrow();
            runs.add(at);
        }
        return runs;
    }

    private static List<String> fields(CronSchedule schedule) {
        ScheduleExpression e = schedule.toScheduleExpression();
        return List.of(e.getMinute(), e.getHour(), e.getDayOfMonth(), e.getMonth(), e.getDayOfWeek());
    }
}
