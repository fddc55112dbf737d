package dev.errand.job.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueuesResourceTest {

    @Test
    void aServerConsumesTheQueuesItsHeartbeatNames() {
        assertThat(QueuesResource.share("*", 32, "mail")).hasValue(32);
        assertThat(QueuesResource.share("mail:8,reports:2", 10, "reports")).hasValue(2);
        assertThat(QueuesResource.share("mail:8,reports:2", 10, "report")).isEmpty();
        assertThat(QueuesResource.share("mail:8,*:4", 12, "other")).hasValue(4);
        assertThat(QueuesResource.share("*:4,mail:8", 12, "mail")).hasValue(8);
        assertThat(QueuesResource.share(null, 32, "mail")).isEmpty();
    }
}
