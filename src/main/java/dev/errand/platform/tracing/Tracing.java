package dev.errand.platform.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * W3C trace context into and out of Errand (docs/tracing.md). A request's {@code traceparent} becomes the parent of
 * its server span; a job keeps the context current at its submission and each of its attempts is a span below it.
 *
 * <p>Spans are recorded and exported over OTLP only when an endpoint is configured
 * ({@code OTEL_EXPORTER_OTLP_ENDPOINT} or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}); every other {@code OTEL_*}
 * setting of the OpenTelemetry SDK applies (service name, headers, sampler, batch sizes). Without an endpoint Errand
 * only passes the caller's context on, so a job still carries the trace id of the request that submitted it, and
 * tracing costs next to nothing.
 */
@ApplicationScoped
public class Tracing {

    private static final Logger LOG = Logger.getLogger(Tracing.class.getName());
    private static final String TRACEPARENT = "traceparent";
    private static final TextMapGetter<Function<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Function<String, String> carrier) {
            return java.util.List.of(TRACEPARENT, "tracestate");
        }

        @Override
        public String get(Function<String, String> carrier, String key) {
            return carrier == null ? null : carrier.apply(key);
        }
    };

    private OpenTelemetry openTelemetry;
    private OpenTelemetrySdk sdk;
    private Tracer tracer;

    @PostConstruct
    void start() {
        openTelemetry = propagatingOnly();
        if (endpointConfigured()) {
            try {
                sdk = AutoConfiguredOpenTelemetrySdk.builder()
                        .addPropertiesSupplier(Tracing::defaults)
                        .setComponentLoader(new WarComponents(Tracing.class.getClassLoader()))
                        .disableShutdownHook()
                        .build()
                        .getOpenTelemetrySdk();
                openTelemetry = sdk;
                LOG.info("Tracing: spans go over OTLP to the configured endpoint");
            } catch (RuntimeException | LinkageError | java.util.ServiceConfigurationError e) {
                // A typo in an OTEL_* variable must not stop the jobs: they run untraced, and the log says why.
                LOG.log(Level.SEVERE, "Tracing is off: the OpenTelemetry SDK could not start: " + withoutSecrets(e));
            }
        }
        tracer = openTelemetry.getTracer("dev.errand");
    }

    /** Sets up at deployment, so that the first request does not pay for the SDK's start. */
    void deployed(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // nothing to do: CDI creates the bean (start()) to deliver this event
    }

    @PreDestroy
    void stop() {
        if (sdk != null) {
            sdk.shutdown().join(10, TimeUnit.SECONDS); // the last spans of a stopping server still leave
        }
    }

    /** Whether spans are recorded and exported, not only passed on. */
    public boolean exporting() {
        return sdk != null;
    }

    /** The server span of one HTTP request: a child of the request's {@code traceparent} header, if it has one. */
    public Span startRequest(String name, Function<String, String> headers) {
        Context parent = openTelemetry.getPropagators().getTextMapPropagator().extract(Context.root(), headers, HEADERS);
        return tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.SERVER).startSpan();
    }

    /** The span of one attempt at a job, below the context its submission kept (a new trace if none). */
    public Span startAttempt(String traceParent, String type, long jobId, int attempt) {
        Context parent = traceParent == null ? Context.root()
                : openTelemetry.getPropagators().getTextMapPropagator()
                        .extract(Context.root(), key -> TRACEPARENT.equals(key) ? traceParent : null, HEADERS);
        return tracer.spanBuilder("errand.job " + type).setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("errand.job.id", jobId)
                .setAttribute("errand.job.type", type)
                .setAttribute("errand.job.attempt", attempt)
                .startSpan();
    }

    /** The {@code traceparent} of the current span, to be kept with a job; {@code null} when there is none. */
    public String currentTraceParent() {
        if (!Span.current().getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        openTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** The trace id of a {@code traceparent} ({@code 00-<trace id>-<span id>-<flags>}), or {@code null}. */
    public static String traceId(String traceParent) {
        return traceParent == null || traceParent.length() < 35 ? null : traceParent.substring(3, 35);
    }

    /** The SDK quotes a malformed setting whole, and OTEL_EXPORTER_OTLP_HEADERS may carry a token. */
    static String withoutSecrets(Throwable e) {
        String message = String.valueOf(e.getMessage());
        return e.getClass().getName() + ": " + (message.toLowerCase(java.util.Locale.ROOT).contains("header")
                ? "(a header setting is wrong; its value is not logged)" : message);
    }

    private static boolean endpointConfigured() {
        return set("OTEL_EXPORTER_OTLP_ENDPOINT") || set("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
    }

    private static boolean set(String variable) {
        String property = System.getProperty(variable.toLowerCase().replace('_', '.'));
        String value = property != null ? property : System.getenv(variable);
        return value != null && !value.isBlank();
    }

    /** What Errand wants unless an {@code OTEL_*} variable or {@code otel.*} property says otherwise. */
    private static Map<String, String> defaults() {
        return Map.of(
                "otel.service.name", "errand",
                "otel.traces.exporter", "otlp",
                "otel.metrics.exporter", "none",
                "otel.logs.exporter", "none",
                // the JDK's HTTP client carries it; gRPC would need a library the WAR does not have
                "otel.exporter.otlp.protocol", "http/protobuf");
    }

    private static OpenTelemetry propagatingOnly() {
        return OpenTelemetry.propagating(ContextPropagators.create(W3CTraceContextPropagator.getInstance()));
    }
}
