package dev.errand.job.engine;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The mark the heartbeat publishes: every job whose message may still be unsent was stored at or after it. */
class DoorbellTest {

    private final Doorbell doorbell = new Doorbell();

    @Test
    void withNothingOnItsWayTheMarkIsTheHeartbeatsOwnTimeLessTheMargin() {
        Instant now = Instant.now();

        assertThat(doorbell.allSentBefore(now)).isEqualTo(now.minusSeconds(5));
        assertThat(doorbell.unsent()).isZero();
        assertThat(doorbell.accepts()).isTrue();
    }

    @Test
    void anOpenTicketHoldsTheMarkBeforeItsJobsTimeUntilItCloses() {
        Instant before = Instant.now();
        Doorbell.Ticket ticket = doorbell.open();
        Instant later = before.plus(Duration.ofMinutes(10));

        Instant mark = doorbell.allSentBefore(later);
        assertThat(mark).isAfterOrEqualTo(before.minusSeconds(5)).isBefore(later.minusSeconds(5));
        assertThat(mark).isBeforeOrEqualTo(Instant.now().minusSeconds(5));

        doorbell.abandon(ticket);
        assertThat(doorbell.allSentBefore(later)).isEqualTo(later.minusSeconds(5));
    }

    @Test
    void theOldestOpenTicketSetsTheMark() {
        Doorbell.Ticket first = doorbell.open();
        Instant afterFirst = Instant.now();
        Doorbell.Ticket second = doorbell.open();

        Instant mark = doorbell.allSentBefore(Instant.now().plusSeconds(60));
        assertThat(mark).isBeforeOrEqualTo(afterFirst.minusSeconds(5));

        doorbell.abandon(first);
        assertThat(doorbell.allSentBefore(Instant.now().plusSeconds(60))).isAfterOrEqualTo(mark);
        doorbell.abandon(second);
    }
}
