package dev.errand.job.engine;

import java.time.Duration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    private static final Duration BASE = Duration.ofSeconds(10);
    private static final Duration MAX = Duration.ofHours(6);

    @Test
    void growsThreefoldPerAttempt() {
        assertThat(Backoff.delay(BASE, MAX, 1, 0.5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(Backoff.delay(BASE, MAX, 2, 0.5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Backoff.delay(BASE, MAX, 3, 0.5)).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void jitterStaysWithinTwentyPercent() {
        assertThat(Backoff.delay(BASE, MAX, 2, 0.0)).isEqualTo(Duration.ofSeconds(24));
        assertThat(Backoff.delay(BASE, MAX, 2, 0.999999)).isBetween(Duration.ofSeconds(35), Duration.ofSeconds(36));
    }

    @Test
    void neverExceedsTheCapPlusJitter() {
        assertThat(Backoff.delay(BASE, MAX, 40, 0.5)).isEqualTo(MAX);
    }
}
