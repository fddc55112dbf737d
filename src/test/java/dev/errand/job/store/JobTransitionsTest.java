package dev.errand.job.store;

import dev.errand.job.JobState;
import dev.errand.job.store.JobTransitions.Transition;
import dev.errand.job.store.JobTransitions.Trigger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.errand.job.JobState.DELETED;
import static dev.errand.job.JobState.ENQUEUED;
import static dev.errand.job.JobState.FAILED;
import static dev.errand.job.JobState.PROCESSING;
import static dev.errand.job.JobState.SCHEDULED;
import static dev.errand.job.JobState.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobTransitionsTest {

    static List<Transition> legal() {
        return JobTransitions.all();
    }

    /** Every (from, to, trigger) the table does not list, "from nothing" included. */
    static Stream<Transition> illegal() {
        List<JobState> froms = new ArrayList<>(Arrays.asList(JobState.values()));
        froms.add(null);
        List<Transition> all = new ArrayList<>();
        for (JobState from : froms) {
            for (JobState to : JobState.values()) {
                for (Trigger trigger : Trigger.values()) {
                    all.add(new Transition(from, to, trigger));
                }
            }
        }
        return all.stream().filter(t -> !JobTransitions.all().contains(t));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("legal")
    void aLegalTransitionPasses(Transition t) {
        assertThat(JobTransitions.allows(t.from(), t.to(), t.trigger())).isTrue();
        assertThatCode(() -> JobTransitions.check(7, t.from(), t.to(), t.trigger())).doesNotThrowAnyException();
        if (t.from() != null) {
            assertThat(JobTransitions.sourcesOf(t.to(), t.trigger())).contains(t.from());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("illegal")
    void anIllegalTransitionThrows(Transition t) {
        assertThat(JobTransitions.allows(t.from(), t.to(), t.trigger())).isFalse();
        assertThatThrownBy(() -> JobTransitions.check(7, t.from(), t.to(), t.trigger()))
                .isInstanceOf(IllegalStateException.class)
                .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                    assertThat(e.transition()).isEqualTo(t);
                    assertThat(e.jobId()).isEqualTo(7);
                })
                .hasMessageStartingWith("job 7: a " + (t.from() == null ? "new" : t.from()) + " job cannot be "
                        + t.trigger().verb());
        if (t.from() != null) {
            assertThat(JobTransitions.sourcesOf(t.to(), t.trigger())).doesNotContain(t.from());
        }
    }

    @Test
    void theTableCoversEveryStateAndTriggerWithoutRepeats() {
        assertThat(JobTransitions.all()).doesNotHaveDuplicates();
        assertThat(JobTransitions.all()).extracting(Transition::trigger).containsAll(EnumSet.allOf(Trigger.class));
        for (JobState state : JobState.values()) {
            assertThat(JobTransitions.all()).as("a way out of " + state).anyMatch(t -> t.from() == state);
        }
    }

    @Test
    void theSetBasedWritesTakeTheirSourceStatesFromTheTable() {
        assertThat(JobTransitions.sourcesOf(PROCESSING, Trigger.CLAIMED)).containsExactly(ENQUEUED, SCHEDULED);
        assertThat(JobTransitions.sourcesOf(SUCCEEDED, Trigger.ATTEMPT_SUCCEEDED)).containsExactly(PROCESSING);
        assertThat(JobTransitions.sourcesOf(ENQUEUED, Trigger.USER_REQUEUED)).containsExactly(SUCCEEDED, FAILED, DELETED);
        assertThat(JobTransitions.sourcesOf(DELETED, Trigger.USER_DELETED)).doesNotContain(DELETED);
    }

    @Test
    void aRefusalSaysWhichStatesWouldDo() {
        assertThatThrownBy(() -> JobTransitions.check(3, PROCESSING, ENQUEUED, Trigger.USER_REQUEUED))
                .hasMessage("job 3: a PROCESSING job cannot be requeued (to ENQUEUED); only SUCCEEDED, FAILED, DELETED ones can");
    }
}
