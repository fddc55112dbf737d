package dev.errand.platform.security;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final LoginThrottle throttle = new LoginThrottle(10, Duration.ofMinutes(1), now::get);

    @Test
    void theTenthFailureFromAnAddressBlocksItUntilTheFirstIsAMinuteOld() {
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.refusal("10.0.0.1", "guess" + i)).isEmpty();
            throttle.record("10.0.0.1", "guess" + i, false);
            now.addAndGet(SECOND);
        }

        assertThat(throttle.refusal("10.0.0.1", "anyone")).hasValue(50);
        assertThat(throttle.refusal("10.0.0.2", "anyone")).isEmpty();
        now.addAndGet(50 * SECOND);
        assertThat(throttle.refusal("10.0.0.1", "anyone")).isEmpty();
        // a sliding window: the second failure is still in it, so one more blocks again
        throttle.record("10.0.0.1", "anyone", false);
        assertThat(throttle.refusal("10.0.0.1", "anyone")).hasValue(1);
    }

    @Test
    void failuresForOneAccountFromManyAddressesBlockItForNewAddressesOnly() {
        throttle.record("10.0.0.9", "admin", true);
        for (int i = 0; i < 10; i++) {
            throttle.record("10.0.1." + i, "admin", false);
        }

        assertThat(throttle.refusal("10.0.2.1", "admin")).isPresent();
        assertThat(throttle.refusal("10.0.2.1", "alice")).isEmpty();
        // the operator's own address, where the account logged in before, is not locked out by strangers
        assertThat(throttle.refusal("10.0.0.9", "admin")).isEmpty();
        now.addAndGet(60 * SECOND);
        assertThat(throttle.refusal("10.0.2.1", "admin")).isEmpty();
    }

    @Test
    void successesDoNotCount() {
        for (int i = 0; i < 20; i++) {
            throttle.record("10.0.0.1", "alice", true);
        }
        assertThat(throttle.refusal("10.0.0.1", "alice")).isEmpty();
    }

    @Test
    void memoryIsBoundedWhateverTheNumberOfKeys() {
        FailureWindow window = new FailureWindow(10, 60 * SECOND, 100);
        for (int i = 0; i < 1_000; i++) {
            window.add("key" + i, now.get());
        }
        assertThat(window.keys()).isEqualTo(100);
        OptionalLong none = OptionalLong.empty();
        assertThat(throttle.refusal("x".repeat(100_000), "y".repeat(100_000))).isEqualTo(none);
    }
}
