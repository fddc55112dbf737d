package dev.errand.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without an OTLP endpoint (as in this JVM) Errand passes a caller's trace context on to its jobs, nothing more. */
class TracingTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private final Tracing tracing = started();

    @Test
    void aJobSubmittedInARequestKeepsTheCallersTrace() {
        Span request = tracing.startRequest("POST", Map.of("traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01")::get);
        try (Scope ignored = request.makeCurrent()) {
            String kept = tracing.currentTraceParent();
            assertThat(kept).startsWith("00-" + TRACE + "-").endsWith("-01");
            assertThat(Tracing.traceId(kept)).isEqualTo(TRACE);

            Span attempt = tracing.startAttempt(kept, "errand.noop", 7, 1);
            assertThat(attempt.getSpanContext().getTraceId()).isEqualTo(TRACE);
        } finally {
            request.end();
        }
        assertThat(tracing.exporting()).isFalse();
    }

    @Test
    void withoutOrWithABrokenTraceparentThereIsNothingToKeep() {
        for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("traceparent", "00-nonsense-01"),
                Map.of("traceparent", "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01"))) {
            Span request = tracing.startRequest("GET", headers::get);
            try (Scope ignored = request.makeCurrent()) {
                assertThat(tracing.currentTraceParent()).as(headers.toString()).isNull();
            } finally {
                request.end();
            }
        }
        assertThat(Tracing.traceId(null)).isNull();
    }

    /** A service file naming a class the WAR lacks (a server's own plug-in) is passed over, the rest still load. */
    @Test
    void pluginsTheWarCannotLoadAreSkipped(@TempDir Path dir) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(Runnable.class.getName()), "no.such.Plugin\n" + Plugin.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Iterable<Runnable> found = new WarComponents(loader).load(Runnable.class);
            assertThat(StreamSupport.stream(found.spliterator(), false).map(r -> r.getClass().getName()))
                    .containsExactly(Plugin.class.getName());
        }
    }

    @Test
    void aRefusedHeaderSettingIsNotQuotedInTheLog() {
        assertThat(Tracing.withoutSecrets(new IllegalArgumentException("Invalid map property: otel.exporter.otlp.headers=Authorization=Bearer s3cret")))
                .doesNotContain("s3cret").contains("IllegalArgumentException");
        assertThat(Tracing.withoutSecrets(new IllegalArgumentException("Unrecognized value for otel.traces.sampler: foo")))
                .contains("otel.traces.sampler: foo");
    }

    public static class Plugin implements Runnable {
        @Override
        public void run() {
        }
    }

    private static Tracing started() {
        Tracing tracing = new Tracing();
        tracing.start();
        return tracing;
    }
}
