package dev.errand.dashboard;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's server-sent events: one broadcaster for every open dashboard, fed by {@link LiveTicker}
 * once a second, so the database is asked once per server whatever the number of viewers.
 */
@ApplicationScoped
public class LiveFeed {

    /** The per-second points kept for a dashboard that opens later (its live graph starts filled). */
    static final int BACKLOG = 120;

    /** One second of the overview: counts per state and jobs finished per second. */
    public record Tick(Instant at, Map<String, Long> counts, double succeeded, double failed) {
    }

    /** A job whose state changed. */
    public record JobChange(long id, String state) {
    }

    private final Jsonb json = JsonbBuilder.create();
    private final ArrayDeque<Tick> backlog = new ArrayDeque<>();
    private Sse sse;
    private SseBroadcaster broadcaster;

    public synchronized void subscribe(Sse sse, SseEventSink sink) {
        if (broadcaster == null) {
            this.sse = sse;
            broadcaster = sse.newBroadcaster();
            broadcaster.onError((failed, error) -> failed.close()); // a closed browser tab: drop its sink
        }
        // The newcomer's graph starts with what the others have seen; then it hears what they hear.
        sink.send(event("series", new ArrayList<>(backlog)));
        broadcaster.register(sink);
    }

    synchronized void publish(Tick tick, List<JobChange> changes) {
        backlog.addLast(tick);
        while (backlog.size() > BACKLOG) {
            backlog.removeFirst();
        }
        if (broadcaster == null) {
            return;
        }
        broadcaster.broadcast(event("stats", tick));
        if (!changes.isEmpty()) {
            broadcaster.broadcast(event("jobs", changes));
        }
    }

    private OutboundSseEvent event(String name, Object data) {
        return sse.newEventBuilder().name(name).mediaType(MediaType.TEXT_PLAIN_TYPE).data(json.toJson(data))
                .reconnectDelay(2000).build();
    }

    @PreDestroy
    synchronized void close() {
        if (broadcaster != null) {
            broadcaster.close();
        }
    }
}
