package dev.errand.job.recurring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** When a start may create a recurring job's timer: only when the database shows its runs missing. */
class MissedRunTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private static RecurringJobEntity everyMinuteSince(Instant since) {
        RecurringJobEntity job = new RecurringJobEntity("it", at(since));
        job.define("errand.noop", "{}", CronSchedule.parse("* * * * *", "UTC"), at(since));
        job.timerSet(at(since));
        return job;
    }

    @Test
    void aDefinitionWhoseTimerRunsHasMissedNothing() {
        RecurringJobEntity job = everyMinuteSince(T0);
        job.ran(at(T0.plusSeconds(600)), 1);

        assertThat(job.missedRunBefore(T0.plusSeconds(610))).isFalse();
    }

    @Test
    void aDueInstantWithoutARunMeansTheTimerIsGone() {
        RecurringJobEntity job = everyMinuteSince(T0);
        job.ran(at(T0.plusSeconds(60)), 1);

        assertThat(job.missedRunBefore(T0.plusSeconds(600))).isTrue();
    }

    @Test
    void nothingIsMissedBeforeTheFirstDueInstantOfTheScheduleOrItsTimer() {
        RecurringJobEntity job = everyMinuteSince(T0.plusSeconds(30));

        assertThat(job.missedRunBefore(T0.plusSeconds(50))).isFalse();
        assertThat(job.missedRunBefore(T0.plusSeconds(130))).isTrue();
    }

    @Test
    void aDefinitionNoNodeHasTimedYetIsLeftToDefine() {
        RecurringJobEntity job = new RecurringJobEntity("it", at(T0));
        job.define("errand.noop", "{}", CronSchedule.parse("* * * * *", "UTC"), at(T0));

        assertThat(job.missedRunBefore(T0.plusSeconds(600))).isFalse();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
