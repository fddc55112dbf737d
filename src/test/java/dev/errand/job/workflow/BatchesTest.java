package dev.errand.job.workflow;

import dev.errand.platform.JsonSupport;
import jakarta.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BatchesTest {

    @Test
    void aCallbackKeepsItsOwnArgumentsAndGetsTheBatchIdAndCounts() {
        JsonObject args = JsonSupport.parse(Batches.withBatch("{\"to\":\"ops\"}", 7,
                Map.of("SUCCEEDED", 97L, "FAILED", 3L))).asJsonObject();

        assertThat(args.getString("to")).isEqualTo("ops");
        assertThat(args.getJsonObject("batch").getInt("id")).isEqualTo(7);
        assertThat(args.getJsonObject("batch").getJsonObject("counts").getInt("SUCCEEDED")).isEqualTo(97);
        assertThat(args.getJsonObject("batch").getJsonObject("counts").getInt("FAILED")).isEqualTo(3);
    }

    @Test
    void aCallbackWithoutArgumentsGetsOnlyTheBatch() {
        assertThat(JsonSupport.parse(Batches.withBatch(null, 1, Map.of())).asJsonObject().keySet())
                .containsExactly("batch");
    }

    @Test
    void theReasonOfAChildDeletedForItsParentNamesThatParentOnly() {
        assertThat("parent 12 ended FAILED").startsWith(Continuations.deletedFor(12))
                .doesNotStartWith(Continuations.deletedFor(1));
    }
}
