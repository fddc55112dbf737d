package dev.errand.job.engine;

import dev.errand.job.JobState;
import dev.errand.job.store.JobEntity;
import dev.errand.job.store.JobRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.errand.job.JobState.ENQUEUED;
import static dev.errand.job.JobState.PROCESSING;
import static dev.errand.job.JobState.SCHEDULED;
import static org.assertj.core.api.Assertions.assertThat;

/** The decisions {@link JobLifecycle} takes about a message's jobs, without a container. */
class JobLifecycleTest {

    private static final JobRef MESSAGE = new JobRef(1, 4);

    @ParameterizedTest
    @EnumSource(value = JobState.class, names = {"ENQUEUED", "SCHEDULED"})
    void aWaitingJobStartsItsNextAttempt(JobState state) {
        assertThat(JobLifecycle.claim(JobRows.inState(state, 0, 3, 4), MESSAGE, false)).isEqualTo(JobLifecycle.Claim.START);
    }

    @Test
    void aStaleOrPurgedMessageChangesNothing() {
        assertThat(JobLifecycle.claim(null, MESSAGE, false)).isEqualTo(JobLifecycle.Claim.SKIP);
        assertThat(JobLifecycle.claim(JobRows.inState(ENQUEUED, 0, 3, 5), MESSAGE, false))
                .as("a newer message was sent").isEqualTo(JobLifecycle.Claim.SKIP);
    }

    @ParameterizedTest
    @EnumSource(value = JobState.class, names = {"SUCCEEDED", "FAILED", "DELETED", "AWAITING"})
    void aDuplicateMessageOfAJobThatCannotStartChangesNothing(JobState state) {
        assertThat(JobLifecycle.claim(JobRows.inState(state, 1, 3, 4), MESSAGE, false)).isEqualTo(JobLifecycle.Claim.SKIP);
    }

    @Test
    void aMessageHandedBackWhileItsAttemptRunsHereChangesNothing() {
        assertThat(JobLifecycle.claim(JobRows.inState(PROCESSING, 1, 3, 4), MESSAGE, true)).isEqualTo(JobLifecycle.Claim.SKIP);
    }

    @Test
    void anInterruptedAttemptIsFollowedByTheNextOrEndsTheJob() {
        assertThat(JobLifecycle.claim(JobRows.inState(PROCESSING, 2, 3, 4), MESSAGE, false))
                .isEqualTo(JobLifecycle.Claim.RESUME);
        assertThat(JobLifecycle.claim(JobRows.inState(PROCESSING, 3, 3, 4), MESSAGE, false))
                .isEqualTo(JobLifecycle.Claim.GIVE_UP);
    }

    @Test
    void onlyTheAttemptStillRunningDecidesTheOutcome() {
        JobEntity job = JobRows.inState(PROCESSING, 2, 3, 4);
        assertThat(JobLifecycle.isCurrent(job, Attempt.claimed(1, 4, 2, "t", "{}"))).isTrue();
        assertThat(JobLifecycle.isCurrent(job, Attempt.claimed(1, 4, 1, "t", "{}"))).as("an earlier attempt").isFalse();
        assertThat(JobLifecycle.isCurrent(job, Attempt.claimed(1, 3, 2, "t", "{}"))).as("an older message").isFalse();
        assertThat(JobLifecycle.isCurrent(JobRows.inState(SCHEDULED, 2, 3, 4), Attempt.claimed(1, 4, 2, "t", "{}")))
                .as("deleted or requeued meanwhile").isFalse();
    }
}
