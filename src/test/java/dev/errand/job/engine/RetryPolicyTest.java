package dev.errand.job.engine;

import dev.errand.job.PermanentJobFailure;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private static final Duration BASE = Duration.ofSeconds(10);
    private static final Duration CAP = Duration.ofHours(6);
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-03-01T12:00:00.123456Z");

    private static RetryPolicy withRandom(double random) {
        return new RetryPolicy(BASE, CAP, 0.2, List.of(PermanentJobFailure.class), () -> random);
    }

    @Test
    void growsThreefoldPerAttempt() {
        RetryPolicy policy = withRandom(0.5);
        assertThat(policy.delay(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.delay(2)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delay(3)).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void jitterStaysWithinTwentyPercent() {
        assertThat(withRandom(0.0).delay(2)).isEqualTo(Duration.ofSeconds(24));
        assertThat(withRandom(0.999999).delay(2)).isBetween(Duration.ofSeconds(35), Duration.ofSeconds(36));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.5, 0.999999})
    void neverExceedsTheCapPlusJitter(double random) {
        Duration delay = withRandom(random).delay(40);
        assertThat(delay).isBetween(Duration.ofMillis(Math.round(CAP.toMillis() * 0.8)),
                Duration.ofMillis(Math.round(CAP.toMillis() * 1.2)));
    }

    @Test
    void aFailureWithAttemptsLeftIsRetriedAfterTheBackOff() {
        RetryPolicy.Decision decision = withRandom(0.5).afterFailure(2, 3, new IllegalStateException("flaky"), NOW);

        assertThat(decision).isEqualTo(new RetryPolicy.Retry(OffsetDateTime.parse("2026-03-01T12:00:30.123Z"), 3));
    }

    @Test
    void theLastAttemptIsNotRetried() {
        assertThat(withRandom(0.5).afterFailure(3, 3, new IllegalStateException("flaky"), NOW))
                .isEqualTo(new RetryPolicy.GiveUp(false));
    }

    @Test
    void aPermanentFailureIsNotRetriedEvenWithAttemptsLeft() {
        RetryPolicy policy = withRandom(0.5);
        assertThat(policy.afterFailure(1, 5, new PermanentJobFailure("no such address"), NOW))
                .isEqualTo(new RetryPolicy.GiveUp(true));
        assertThat(policy.afterFailure(1, 5, new RuntimeException("wrapped", new PermanentJobFailure("gone")), NOW))
                .as("found in the cause chain").isEqualTo(new RetryPolicy.GiveUp(true));
    }

    @Test
    void whichFailuresArePermanentIsConfigurable() {
        RetryPolicy policy = new RetryPolicy(BASE, CAP, 0.2, List.of(UncheckedIOException.class), () -> 0.5);
        assertThat(policy.isPermanent(new UncheckedIOException(new IOException("disk")))).isTrue();
        assertThat(policy.isPermanent(new PermanentJobFailure("not in this policy"))).isFalse();
    }

    @Test
    void aCircularCauseChainEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(withRandom(0.5).isPermanent(a)).isFalse();
    }
}
