package dev.errand.job.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CancelNoticesTest {

    @Test
    void aNoticeNamesTheDeletedJobs() {
        assertThat(CancelNotices.parse(CancelNotices.format(List.of(7L, 500L)))).containsExactly(7L, 500L);
    }

    @Test
    void anUnreadableNoticeNamesNone() {
        assertThat(CancelNotices.parse(null)).isEmpty();
        assertThat(CancelNotices.parse("7,8")).isEmpty();
        assertThat(CancelNotices.parse("cancel:7,x")).isEmpty();
    }
}
