package dev.errand.job.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.job.JobType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeoutsTest {

    @Test
    void aTimeoutIsAnIsoDurationOrWholeSeconds() {
        assertThat(Timeouts.parse("PT2S")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Timeouts.parse(" 30 ")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Timeouts.parse("soon")).isNull();
        assertThat(Timeouts.parse("1.5")).isNull();
    }

    @Test
    void itRunsFromOneSecondToTheMaximum() {
        assertThat(Timeouts.inRange(Duration.ofSeconds(1))).isTrue();
        assertThat(Timeouts.inRange(Timeouts.MAX)).isTrue();
        assertThat(Timeouts.inRange(Duration.ofMillis(999))).isFalse();
        assertThat(Timeouts.inRange(Timeouts.MAX.plusMillis(1))).isFalse();
        assertThat(Timeouts.inRange(Duration.ofSeconds(-5))).isFalse();
    }

    @JobType(value = "t.limited", timeout = "PT10S")
    static class Limited {
    }

    @JobType(value = "t.seconds", timeout = "45")
    static class Seconds {
    }

    @JobType("t.unlimited")
    static class Unlimited {
    }

    @JobType(value = "t.broken", timeout = "PT1H")
    static class Broken {
    }

    @Test
    void jobTypeTimeoutsAreReadAtDeploymentAndAMistakeFailsIt() {
        assertThat(HandlerRegistry.timeoutOf(Limited.class.getAnnotation(JobType.class))).isEqualTo(Duration.ofSeconds(10));
        assertThat(HandlerRegistry.timeoutOf(Seconds.class.getAnnotation(JobType.class))).isEqualTo(Duration.ofSeconds(45));
        assertThat(HandlerRegistry.timeoutOf(Unlimited.class.getAnnotation(JobType.class))).isNull();
        assertThatThrownBy(() -> HandlerRegistry.timeoutOf(Broken.class.getAnnotation(JobType.class)))
                .hasMessageContaining("t.broken").hasMessageContaining("PT1H");
    }

    @Test
    void aTimedOutAttemptReadsAsItsTimeoutInTheHistory() {
        assertThat(JobLifecycle.summary(new AttemptTimedOut(Duration.ofSeconds(2)))).isEqualTo("timed out after PT2S");
    }

    @Test
    void aTimeoutAfterTheAttemptEndedNeitherCountsNorInterrupts() {
        RunningJob job = new RunningJob(1, 1, 1, "t", java.time.Clock.systemUTC());
        job.end();
        job.timeOut(Duration.ofSeconds(1));
        assertThat(job.timedOut()).isNull();
        assertThat(job.isCancelled()).isFalse();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aTimeoutStopsTheAttemptAndEndingClearsTheInterrupt() {
        RunningJob job = new RunningJob(1, 1, 1, "t", java.time.Clock.systemUTC());
        job.timeOut(Duration.ofSeconds(1));
        assertThat(job.isCancelled()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        job.end();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(job.timedOut()).hasMessage("timed out after PT1S");
    }
}
