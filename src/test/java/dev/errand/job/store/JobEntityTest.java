package dev.errand.job.store;

import dev.errand.job.JobState;
import dev.errand.job.store.JobTransitions.Trigger;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.errand.job.JobState.ENQUEUED;
import static dev.errand.job.JobState.FAILED;
import static dev.errand.job.JobState.PROCESSING;
import static dev.errand.job.JobState.SCHEDULED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The entity takes exactly the transitions of the table, and a refused one leaves it as it was. */
class JobEntityTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-03-01T12:00:00Z");
    private static final OffsetDateTime LATER = NOW.plusMinutes(5);

    record Move(String name, JobState to, Trigger trigger, Consumer<JobEntity> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Move> moves() {
        List<Move> moves = new ArrayList<>(List.of(
                new Move("submit", ENQUEUED, Trigger.SUBMITTED, j -> j.submit(NOW)),
                new Move("resumeAfterInterruption", PROCESSING, Trigger.ATTEMPT_INTERRUPTED,
                        j -> j.resumeAfterInterruption("s2", "s2/1", NOW)),
                new Move("scheduleRetry", SCHEDULED, Trigger.ATTEMPT_FAILED, j -> j.scheduleRetry(LATER, "boom", NOW)),
                new Move("requeue", ENQUEUED, Trigger.USER_REQUEUED, j -> j.requeue(NOW)),
                new Move("delete", JobState.DELETED, Trigger.USER_DELETED, j -> j.delete(NOW)),
                new Move("release", ENQUEUED, Trigger.PARENTS_DONE, j -> j.release(NOW)),
                new Move("deleteForParent", JobState.DELETED, Trigger.PARENT_FAILED,
                        j -> j.deleteForParent("parent 1 ended FAILED", NOW)),
                new Move("awaitAgain", JobState.AWAITING, Trigger.PARENT_REQUEUED, j -> j.awaitAgain(NOW))));
        for (Trigger trigger : List.of(Trigger.ATTEMPT_FAILED, Trigger.ATTEMPT_INTERRUPTED, Trigger.SERVER_LOST,
                Trigger.DEAD_LETTERED, Trigger.USER_DELETED)) {
            moves.add(new Move("fail(" + trigger + ")", FAILED, trigger, j -> j.fail(trigger, "boom", NOW)));
        }
        for (Trigger trigger : List.of(Trigger.MESSAGE_LOST, Trigger.SERVER_LOST, Trigger.CLAIMED)) {
            moves.add(new Move("enqueueAgain(" + trigger + ")", ENQUEUED, trigger, j -> j.enqueueAgain(trigger, NOW)));
        }
        return moves;
    }

    static Stream<Arguments> everyMoveFromEveryState() {
        List<JobState> states = new ArrayList<>(Arrays.asList(JobState.values()));
        states.add(null);
        return states.stream().flatMap(state -> moves().stream().map(move -> Arguments.of(state, move)));
    }

    @ParameterizedTest(name = "{1} from {0}")
    @MethodSource("everyMoveFromEveryState")
    void takesOnlyWhatTheTableAllows(JobState from, Move move) {
        JobEntity job = JobRows.inState(from, 1, 3, 4);
        if (JobTransitions.allows(from, move.to(), move.trigger())) {
            move.apply().accept(job);
            assertThat(job.state()).isEqualTo(move.to());
            assertThat(job.updatedAt()).isEqualTo(NOW);
        } else {
            assertThatThrownBy(() -> move.apply().accept(job)).isInstanceOf(IllegalTransitionException.class);
            assertThat(job.state()).isEqualTo(from);
            assertThat(job.attempt()).isEqualTo(1);
            assertThat(job.dispatch()).isEqualTo(4);
            assertThat(job.error()).isNull();
        }
    }

    @Test
    void aContinuationIsStoredAwaitingWithoutAMessageAndItsReleaseNumbersTheFirst() {
        JobEntity child = JobRows.newJob(3, null);
        child.awaitParents();
        assertThat(child.submit(NOW)).isEqualTo(JobState.AWAITING);
        assertThat(child.dispatch()).isZero();
        child.release(LATER);
        assertThat(child.state()).isEqualTo(ENQUEUED);
        assertThat(child.dispatch()).isEqualTo(1);
    }

    @Test
    void aChildDeletedForItsParentKeepsTheReasonUntilItAwaitsAgain() {
        JobEntity child = JobRows.inState(JobState.AWAITING, 0, 3, 0);
        child.deleteForParent("parent 7 ended FAILED", NOW);
        assertThat(child.error()).isEqualTo("parent 7 ended FAILED");
        child.awaitAgain(LATER);
        assertThat(child.state()).isEqualTo(JobState.AWAITING);
        assertThat(child.error()).isNull();
        assertThat(child.finishedAt()).isNull();
    }

    @Test
    void aSubmissionForLaterIsScheduledAndOneForNowIsEnqueued() {
        JobEntity later = JobRows.newJob(3, LATER);
        assertThat(later.submit(NOW)).isEqualTo(SCHEDULED);
        assertThat(later.scheduledAt()).isEqualTo(LATER);
        assertThat(later.dispatch()).isEqualTo(1);

        JobEntity past = JobRows.newJob(3, NOW.minusSeconds(1));
        assertThat(past.submit(NOW)).isEqualTo(ENQUEUED);
        assertThat(past.scheduledAt()).isNull();
    }

    @Test
    void everyNewMessageGetsANewDispatchNumberSoOldCopiesAreStale() {
        JobEntity job = JobRows.inState(PROCESSING, 2, 3, 4);
        job.scheduleRetry(LATER, "boom", NOW);
        assertThat(job.dispatch()).isEqualTo(5);
        assertThat(job.scheduledAt()).isEqualTo(LATER);
        assertThat(job.error()).isEqualTo("boom");

        JobEntity orphan = JobRows.inState(PROCESSING, 2, 3, 4);
        orphan.enqueueAgain(Trigger.SERVER_LOST, NOW);
        assertThat(orphan.dispatch()).isEqualTo(5);
        assertThat(orphan.attempt()).as("the abandoned attempt counts").isEqualTo(2);
    }

    @Test
    void aRequeueStartsAFreshSeriesOfAttempts() {
        JobEntity job = JobRows.inState(FAILED, 3, 3, 4);
        job.requeue(NOW);
        assertThat(job.attempt()).isZero();
        assertThat(job.hasAttemptsLeft()).isTrue();
        assertThat(job.finishedAt()).isNull();
        assertThat(job.dispatch()).isEqualTo(5);
    }

    @Test
    void resumingAnInterruptedAttemptCountsTheNextOne() {
        JobEntity job = JobRows.inState(PROCESSING, 1, 2, 4);
        job.resumeAfterInterruption("s2", "s2/1", NOW);
        assertThat(job.attempt()).isEqualTo(2);
        assertThat(job.serverId()).isEqualTo("s2");
        assertThat(job.hasAttemptsLeft()).isFalse();
    }
}
