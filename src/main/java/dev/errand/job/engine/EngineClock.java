package dev.errand.job.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The time of the engine, housekeeping and dashboard: one injected {@link Clock} instead of reads of the system
 * clock all over, so that a unit test can fix the time the code decides by.
 */
@ApplicationScoped
public class EngineClock {

    @Produces
    static Clock clock() {
        return Clock.systemUTC();
    }

    /** Now in UTC, to the microsecond that PostgreSQL stores, so a value read back equals the one written. */
    public static OffsetDateTime now(Clock clock) {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
