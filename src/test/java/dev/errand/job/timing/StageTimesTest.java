package dev.errand.job.timing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StageTimesTest {

    @Test
    void aTimeFallsInTheFirstBucketWhoseBoundIsNotBelowIt() {
        StageTimes.Snapshot before = StageTimes.snapshot(Stage.CLAIM);
        StageTimes.record(Stage.CLAIM, 1_000_000);      // exactly 1 ms: the bucket le=0.001
        StageTimes.record(Stage.CLAIM, 1_000_001);      // just above: le=0.002
        StageTimes.record(Stage.CLAIM, 60_000_000_000L); // above every bound: +Inf only
        StageTimes.Snapshot after = StageTimes.snapshot(Stage.CLAIM);

        int oneMs = StageTimes.BOUNDS.indexOf(0.001);
        assertThat(after.buckets()[oneMs] - before.buckets()[oneMs]).isEqualTo(1);
        assertThat(after.buckets()[oneMs + 1] - before.buckets()[oneMs + 1]).isEqualTo(1);
        assertThat(after.buckets()[StageTimes.BOUNDS.size()] - before.buckets()[StageTimes.BOUNDS.size()]).isEqualTo(1);
        assertThat(after.count() - before.count()).isEqualTo(3);
        assertThat(after.sumSeconds() - before.sumSeconds()).isCloseTo(60.002, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(after.cumulative(StageTimes.BOUNDS.size() - 1) - before.cumulative(StageTimes.BOUNDS.size() - 1))
                .isEqualTo(2);
    }

    @Test
    void aNegativeTimeCountsAsZero() {
        StageTimes.Snapshot before = StageTimes.snapshot(Stage.DELIVERY);
        StageTimes.record(Stage.DELIVERY, -5_000); // clocks of two processes disagree by a little
        StageTimes.Snapshot after = StageTimes.snapshot(Stage.DELIVERY);
        assertThat(after.buckets()[0] - before.buckets()[0]).isEqualTo(1);
    }
}
