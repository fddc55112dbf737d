package dev.errand.platform.housekeeping;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HousekeepingRunnerTest {

    private final Logger logger = Logger.getLogger(Housekeeping.class.getName());
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        logger.addHandler(capture);
        logger.setLevel(Level.ALL);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(capture);
        logger.setLevel(null);
    }

    @Test
    void aFailedIterationIsLoggedAndTheNextOneStillRuns() {
        AtomicInteger iterations = new AtomicInteger();
        HousekeepingTask flaky = task("flaky purge", () -> {
            if (iterations.incrementAndGet() == 1) {
                throw new IllegalStateException("database went away");
            }
            return 3;
        });

        assertThat(HousekeepingRunner.runOnce(flaky)).isFalse();
        assertThat(HousekeepingRunner.runOnce(flaky)).isTrue();

        assertThat(iterations).hasValue(2);
        assertThat(logged).hasSize(2);
        assertThat(logged.get(0).getLevel()).isEqualTo(Level.WARNING);
        assertThat(logged.get(0).getMessage()).contains("flaky purge").contains("database went away");
        assertThat(logged.get(0).getThrown()).hasMessage("database went away");
        assertThat(logged.get(1).getLevel()).isEqualTo(Level.INFO);
        assertThat(logged.get(1).getMessage()).contains("flaky purge").contains(": 3 in");
    }

    @Test
    void anIterationWithNothingToDoIsLoggedQuietly() {
        assertThat(HousekeepingRunner.runOnce(task("idle", () -> 0))).isTrue();

        assertThat(logged).singleElement().satisfies(r -> assertThat(r.getLevel()).isEqualTo(Level.FINE));
    }

    private static HousekeepingTask task(String name, java.util.function.IntSupplier body) {
        return new HousekeepingTask() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Duration interval() {
                return Duration.ofMinutes(1);
            }

            @Override
            public int run() {
                return body.getAsInt();
            }
        };
    }
}
