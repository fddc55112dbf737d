package dev.errand.job.engine;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobRefTest {

    @Test
    void aChunkSurvivesTheRoundTrip() {
        List<JobRef> refs = List.of(new JobRef(1, 1), new JobRef(9_000_000_000L, 3));

        assertThat(JobRef.format(refs)).isEqualTo("1:1,9000000000:3");
        assertThat(JobRef.parse(JobRef.format(refs))).isEqualTo(refs);
    }

    @Test
    void aPoisonMessageIsRecognised() {
        assertThatThrownBy(() -> JobRef.parse("hello")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JobRef.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JobRef.parse("1:x")).isInstanceOf(IllegalArgumentException.class);
    }
}
