package dev.errand.it;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * An OTLP/HTTP trace receiver in the test JVM, the endpoint of every server the ITs start
 * ({@code OTEL_EXPORTER_OTLP_ENDPOINT} in pom.xml). A JUnit launcher session listener, so it listens from before the
 * first test (the suite's server starts with the first test class) to after the last: the servers never export into
 * a closed port. Only where {@code errand.test.otlpPort} is set, i.e. in the failsafe runs.
 */
public class OtlpCollector implements LauncherSessionListener {

    /** One received span; ids in lower-case hex, the parent empty for a root span. */
    public record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
                               String kind, String status, String statusMessage, Map<String, String> attributes,
                               List<String> events) {
    }

    private static final int MAX_TRACES = 20_000;
    private static final Map<String, List<ReceivedSpan>> TRACES = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<ReceivedSpan>> eldest) {
            return size() > MAX_TRACES;
        }
    };
    private static HttpServer server;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String port = System.getProperty("errand.test.otlpPort");
        if (port == null || server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(port)), 50);
        } catch (BindException e) {
            System.err.println("OtlpCollector: port " + port + " is taken, spans will not be collected: " + e);
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/traces", exchange -> {
            try (InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                receive(ExportTraceServiceRequest.parseFrom(body));
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Whether this JVM receives spans: false in a unit test run, or if the port was taken. */
    public static boolean listening() {
        return server != null;
    }

    /** The spans received so far of one trace, in the order they came. */
    public static List<ReceivedSpan> trace(String traceId) {
        synchronized (TRACES) {
            return List.copyOf(TRACES.getOrDefault(traceId, List.of()));
        }
    }

    private static void receive(ExportTraceServiceRequest request) {
        HexFormat hex = HexFormat.of();
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = attributes(resource.getResource().getAttributesList()).getOrDefault("service.name", "");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (var span : scope.getSpansList()) {
                    ReceivedSpan received = new ReceivedSpan(service, hex.formatHex(span.getTraceId().toByteArray()),
                            hex.formatHex(span.getSpanId().toByteArray()),
                            hex.formatHex(span.getParentSpanId().toByteArray()), span.getName(),
                            span.getKind().name(), span.getStatus().getCode().name(), span.getStatus().getMessage(),
                            attributes(span.getAttributesList()),
                            span.getEventsList().stream().map(e -> e.getName()).toList());
                    synchronized (TRACES) {
                        TRACES.computeIfAbsent(received.traceId(), id -> new ArrayList<>()).add(received);
                    }
                }
            }
        }
    }

    private static Map<String, String> attributes(List<KeyValue> list) {
        Map<String, String> map = new HashMap<>();
        for (KeyValue kv : list) {
            var value = kv.getValue();
            map.put(kv.getKey(), switch (value.getValueCase()) {
                case STRING_VALUE -> value.getStringValue();
                case INT_VALUE -> Long.toString(value.getIntValue());
                case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
                case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
                default -> value.toString();
            });
        }
        return map;
    }
}
