package dev.errand.job.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mark the heartbeat publishes: every job whose message may still be unsent was stored at or after it, so that
 * a live server sends again what a dead one stored from then on (docs/DESIGN.md §4, the doorbell).
 */
class DoorbellTest {

    private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");

    private final Doorbell doorbell = new Doorbell();

    private void at(Instant now) {
        doorbell.clock = Clock.fixed(now, ZoneOffset.UTC);
    }

    @Test
    void withNothingOnItsWayTheMarkIsTheHeartbeatsOwnTimeLessTheMargin() {
        assertThat(doorbell.allSentBefore(T0)).isEqualTo(T0.minusSeconds(5));
        assertThat(doorbell.unsent()).isZero();
        assertThat(doorbell.accepts()).isTrue();
    }

    @Test
    void theOldestOpenTicketHoldsTheMarkUntilItCloses() {
        at(T0);
        Doorbell.Ticket first = doorbell.open();
        at(T0.plusSeconds(30));
        Doorbell.Ticket second = doorbell.open();
        Instant beat = T0.plusSeconds(60);

        assertThat(doorbell.allSentBefore(beat)).isEqualTo(T0.minusSeconds(5));
        assertThat(doorbell.unsent()).isEqualTo(2);

        doorbell.abandon(first);
        assertThat(doorbell.allSentBefore(beat)).isEqualTo(T0.plusSeconds(25));

        doorbell.abandon(second);
        assertThat(doorbell.allSentBefore(beat)).isEqualTo(beat.minusSeconds(5));
        assertThat(doorbell.unsent()).isZero();
    }
}
