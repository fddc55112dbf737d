package dev.errand.job.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueuesResourceTest {

    @Test
    void aServerConsumesTheQueuesItsHeartbeatNames() {
        assertThat(QueuesResource.consumes("*", "mail")).isTrue();
        assertThat(QueuesResource.consumes("mail:8,reports:2", "reports")).isTrue();
        assertThat(QueuesResource.consumes("mail:8,reports:2", "report")).isFalse();
        assertThat(QueuesResource.consumes("mail, *:4", "other")).isTrue();
        assertThat(QueuesResource.consumes(null, "mail")).isFalse();
    }
}
