package dev.errand.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.it.OtlpCollector.ReceivedSpan;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tracing (docs/tracing.md), seen from outside: a caller's {@code traceparent} leads through the request's span to
 * every attempt of the job, as received by an OTLP collector ({@link OtlpCollector}) the server exports to.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TracingIT {

    @BeforeAll
    static void collectorListens() {
        assertThat(OtlpCollector.listening()).as("the OTLP collector of this JVM (errand.test.otlpPort)").isTrue();
    }

    @Test
    void aCallersTraceLeadsThroughTheRequestToEachAttemptOfItsJob() {
        String traceId = hex(16);
        String callerSpan = hex(8);
        Api admin = Api.admin();
        Api.Response created = admin.post("/api/jobs",
                "{\"type\":\"errand.fail\",\"maxAttempts\":2,\"args\":{\"failures\":1}}",
                Map.of("traceparent", "00-" + traceId + "-" + callerSpan + "-01"));
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().getJsonNumber("id").longValue();

        JsonObject job = admin.awaitState(id, "SUCCEEDED");
        assertThat(job.getString("traceId")).isEqualTo(traceId);

        List<ReceivedSpan> spans = awaitSpans(traceId, 3);
        ReceivedSpan request = only(spans, "SPAN_KIND_SERVER");
        assertThat(request.parentSpanId()).isEqualTo(callerSpan);
        assertThat(request.name()).isEqualTo("POST /api/jobs");
        assertThat(request.attributes()).containsEntry("http.route", "/api/jobs")
                .containsEntry("http.response.status_code", "201");
        assertThat(request.service()).isEqualTo("errand");

        List<ReceivedSpan> attempts = spans.stream().filter(s -> s.kind().equals("SPAN_KIND_CONSUMER"))
                .sorted(java.util.Comparator.comparing(s -> s.attributes().get("errand.job.attempt"))).toList();
        assertThat(attempts).hasSize(2);
        assertThat(attempts).allSatisfy(a -> {
            assertThat(a.parentSpanId()).as("each attempt is a child of the request").isEqualTo(request.spanId());
            assertThat(a.name()).isEqualTo("errand.job errand.fail");
            assertThat(a.attributes()).containsEntry("errand.job.id", Long.toString(id))
                    .containsEntry("errand.job.type", "errand.fail");
        });
        assertThat(attempts.get(0).attributes()).containsEntry("errand.job.attempt", "1");
        assertThat(attempts.get(0).status()).as("the failed attempt").isEqualTo("STATUS_CODE_ERROR");
        assertThat(attempts.get(0).events()).contains("exception");
        assertThat(attempts.get(1).attributes()).containsEntry("errand.job.attempt", "2");
        assertThat(attempts.get(1).status()).as("the attempt that succeeded").isNotEqualTo("STATUS_CODE_ERROR");
    }

    @Test
    void aJobSubmittedWithoutTraceContextIsTracedFromItsOwnRequest() {
        Api admin = Api.admin();
        long id = admin.enqueue("{\"type\":\"errand.noop\"}");
        String traceId = admin.awaitState(id, "SUCCEEDED").getString("traceId");
        assertThat(traceId).matches("[0-9a-f]{32}");

        List<ReceivedSpan> spans = awaitSpans(traceId, 2);
        ReceivedSpan request = only(spans, "SPAN_KIND_SERVER");
        assertThat(request.parentSpanId()).as("a root span").isEmpty();
        assertThat(only(spans, "SPAN_KIND_CONSUMER").parentSpanId()).isEqualTo(request.spanId());
    }

    @Test
    void aMalformedTraceparentIsIgnoredNotRefused() {
        Api admin = Api.admin();
        Api.Response created = admin.post("/api/jobs", "{\"type\":\"errand.noop\"}",
                Map.of("traceparent", "00-not-a-trace-id-01"));
        assertThat(created.status()).isEqualTo(201);
        JsonObject job = admin.awaitState(created.json().getJsonNumber("id").longValue(), "SUCCEEDED");
        assertThat(job.getString("traceId")).as("a trace of its own").matches("[0-9a-f]{32}");
    }

    private static List<ReceivedSpan> awaitSpans(String traceId, int count) {
        List<ReceivedSpan>[] last = new List[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            last[0] = OtlpCollector.trace(traceId);
            assertThat(last[0]).as("spans of trace " + traceId).hasSizeGreaterThanOrEqualTo(count);
        });
        return last[0];
    }

    private static ReceivedSpan only(List<ReceivedSpan> spans, String kind) {
        List<ReceivedSpan> found = spans.stream().filter(s -> s.kind().equals(kind)).toList();
        assertThat(found).as(kind + " spans of " + spans).hasSize(1);
        return found.get(0);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // never all zeros: an invalid id
        return java.util.HexFormat.of().formatHex(random);
    }
}
