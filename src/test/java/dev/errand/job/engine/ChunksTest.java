package dev.errand.job.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunksTest {

    private final List<String> sent = new ArrayList<>();

    private Chunks chunks(int size, long workMicros) {
        return new Chunks(size, workMicros, (refs, queue, priority) -> sent.add(
                (queue.equals("default") ? "" : queue + "/") + priority + ":" + refs.stream().map(r -> Long.toString(r.id())).reduce((a, b) -> a + "," + b).orElse("")));
    }

    private static JobRef ref(long id) {
        return new JobRef(id, 0);
    }

    @Test
    void shortJobsShareMessagesUpToTheChunkSize() {
        Chunks chunks = chunks(3, 20_000);
        for (long id = 1; id <= 7; id++) {
            chunks.add(ref(id), "default", 4, 300);
        }
        chunks.close();
        assertThat(sent).containsExactly("4:1,2,3", "4:4,5,6", "4:7");
    }

    @Test
    void aChunkHoldsNoMoreThanItsBudgetOfExpectedWork() {
        Chunks chunks = chunks(20, 20_000);
        for (long id = 1; id <= 5; id++) {
            chunks.add(ref(id), "default", 4, 8_000); // 8 ms each: two fit into 20 ms, a third would not
        }
        chunks.close();
        assertThat(sent).containsExactly("4:1,2", "4:3,4", "4:5");
    }

    @Test
    void aLongJobOrOneOfATypeNeverRunHereTravelsAlone() {
        Chunks chunks = chunks(20, 20_000);
        chunks.add(ref(1), "default", 4, 100);
        chunks.add(ref(2), "default", 4, 200_000); // 200 ms
        chunks.add(ref(3), "default", 4, 100);
        chunks.add(ref(4), "default", 4, RunTimes.UNKNOWN);
        chunks.add(ref(5), "default", 4, 100);
        chunks.close();
        assertThat(sent).containsExactly("4:1", "4:2", "4:3", "4:4", "4:5");
    }

    @Test
    void prioritiesNeverShareAMessageAndTheHighestIsSentFirst() {
        Chunks chunks = chunks(20, 20_000);
        chunks.add(ref(1), "default", 4, 100);
        chunks.add(ref(2), "default", 9, 100);
        chunks.add(ref(3), "default", 4, 100);
        chunks.add(ref(4), "default", 0, 100);
        chunks.close();
        assertThat(sent).containsExactly("9:2", "4:1,3", "0:4");
    }

    @Test
    void queuesNeverShareAMessage() {
        Chunks chunks = chunks(20, 20_000);
        chunks.add(ref(1), "mail", 4, 100);
        chunks.add(ref(2), "reports", 4, 100);
        chunks.add(ref(3), "mail", 4, 100);
        chunks.add(ref(4), "reports", 9, 100);
        chunks.close();
        assertThat(sent).containsExactly("reports/9:4", "mail/4:1,3", "reports/4:2");
    }

    @Test
    void theEstimateRisesAtOnceAndFallsSlowly() {
        RunTimes times = new RunTimes();
        assertThat(times.expectedMicros("mail")).isEqualTo(RunTimes.UNKNOWN);
        times.record("mail", 1_000_000); // 1 ms
        assertThat(times.expectedMicros("mail")).isEqualTo(1_000);
        times.record("mail", 9_000_000); // a slow one: halfway there at once
        assertThat(times.expectedMicros("mail")).isEqualTo(5_000);
        times.record("mail", 1_000_000);
        assertThat(times.expectedMicros("mail")).isEqualTo(4_500);
    }
}
