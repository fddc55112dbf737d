package dev.errand.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class WorkerSharesTest {

    @Test
    void unsetIsTodaysOneLaneOfEveryQueueWith32Workers() {
        for (String unset : new String[] {null, "", "  "}) {
            WorkerShares shares = WorkerShares.parse(unset);
            assertThat(shares.queues()).isEqualTo("*");
            assertThat(shares.workers()).isEqualTo(32);
            assertThat(shares.systemProperties()).isEmpty();
            assertThat(shares.jvmOptions()).isEmpty();
        }
        assertThat(WorkerShares.inForce(new Properties())).isEqualTo(WorkerShares.defaults());
    }

    @Test
    void namedSharesGetLanesInOrderAndStarTheRest() {
        WorkerShares shares = WorkerShares.parse(" mail:8, reports:2,*:4 ");

        assertThat(shares.queues()).isEqualTo("mail:8,reports:2,*:4");
        assertThat(shares.workers()).isEqualTo(14);
        assertThat(shares.systemProperties()).containsEntry("errand.lane.1.queue", "mail")
                .containsEntry("errand.lane.1.sessions", "8")
                .containsEntry("errand.lane.1.destination", "jobs")
                .containsEntry("errand.lane.2.queue", "reports")
                .containsEntry("errand.lane.2.sessions", "2")
                .containsEntry("errand.lane.other.match", "1=1")
                .containsEntry("errand.lane.other.sessions", "4")
                // JobWorker, which has no selector, idles
                .containsEntry("errand.lane.all.selector", "1=0")
                .containsEntry("errand.lane.all.sessions", "1")
                .containsEntry("errand.lane.all.destination", "control")
                .doesNotContainKey("errand.lane.3.queue");
    }

    @Test
    void starFirstIsTheSameAsStarLast() {
        assertThat(WorkerShares.parse("*:4,mail:8").queues()).isEqualTo("mail:8,*:4");
    }

    @Test
    void withoutStarOnlyTheNamedQueuesAreConsumed() {
        WorkerShares shares = WorkerShares.parse("mail:8");

        assertThat(shares.queues()).isEqualTo("mail:8");
        assertThat(shares.systemProperties()).doesNotContainKey("errand.lane.other.match")
                .containsEntry("errand.lane.all.selector", "1=0");
    }

    @Test
    void onlyStarResizesJobWorkerWithoutASelector() {
        WorkerShares shares = WorkerShares.parse("*:8");

        assertThat(shares.queues()).isEqualTo("*:8");
        assertThat(shares.systemProperties()).isEqualTo(Map.of("errand.lane.all.sessions", "8"));
    }

    @Test
    void theHeartbeatReadsBackWhatTheStartSet() {
        for (String spec : new String[] {"mail:8,reports:2,*:4", "mail:2,*:4", "a:1,b:1,c:1", "mail:8", "*:8", "*:32"}) {
            Properties system = new Properties();
            system.putAll(WorkerShares.parse(spec).systemProperties());
            assertThat(WorkerShares.inForce(system)).as(spec).isEqualTo(WorkerShares.parse(spec));
        }
    }

    @Test
    void jvmOptionsHoldNothingAShellOrArgumentSplitWouldChange() {
        String options = WorkerShares.parse("mail.out:8,re_ports-2:2,*:4").jvmOptions();

        assertThat(options).startsWith("-Derrand.lane.").doesNotContain("*", "'", "\"", "  ", "$");
        assertThat(options.split(" ")).allMatch(o -> o.matches("-Derrand\\.lane\\.[a-zA-Z0-9.]+=[^ ]+"));
    }

    @Test
    void badSpecsAreRefusedSayingWhy() {
        assertRefused("mail", "'mail' is not QUEUE:WORKERS");
        assertRefused("mail:", "'mail:' is not QUEUE:WORKERS");
        assertRefused("mail:8,", "'' is not QUEUE:WORKERS");
        assertRefused("mail:x", "'mail:x' is not QUEUE:WORKERS");
        assertRefused("ma il:2", "'ma il' is neither * nor a queue name");
        assertRefused("mail:0", "mail has 0 workers; a share has 1 to 32");
        assertRefused("mail:33", "mail has 33 workers; a share has 1 to 32");
        assertRefused("mail:2,mail:3", "mail is named twice");
        assertRefused("a:1,b:1,c:1,d:1", "at most 3 queues besides *");
        assertRefused("mail:20,*:20", "the shares add up to 40 workers; at most 32");
    }

    private static void assertRefused(String spec, String why) {
        assertThatThrownBy(() -> WorkerShares.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ERRAND_QUEUES=" + spec + ": " + why).hasMessageContaining("docs/run-control.md");
    }
}
