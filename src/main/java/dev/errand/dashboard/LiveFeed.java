package dev.errand.dashboard;

import dev.errand.platform.Config;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's server-sent events: one feed for every open dashboard, fed by {@link LiveTicker} once a second, so
 * the database is asked once per server whatever the number of viewers. At most {@code ERRAND_SSE_MAX_CLIENTS}
 * (100) dashboards listen at once. Events are written by the server's managed executor, one queue per
 * {@link Listener}, never by the ticker under this feed's lock, and no thread waits for a write: a client that stalls
 * falls behind alone and is dropped.
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

    @Resource
    ManagedExecutorService executor;

    private final int maxClients = Config.getInt("SSE_MAX_CLIENTS", 100);
    private final Jsonb json = JsonbBuilder.create();
    private final ArrayDeque<Tick> backlog = new ArrayDeque<>();
    private final List<Listener> listeners = new ArrayList<>();
    private Sse sse;

    /** @return false, sending nothing, when {@code ERRAND_SSE_MAX_CLIENTS} dashboards already listen */
    public synchronized boolean subscribe(Sse sse, SseEventSink sink) {
        listeners.removeIf(Listener::isGone);
        if (listeners.size() >= maxClients) {
            return false;
        }
        this.sse = sse;
        Listener listener = new Listener(sink, executor.completedFuture(null));
        // The newcomer's graph starts with what the others have seen; then it hears what they hear.
        listener.offer(event("series", new ArrayList<>(backlog)));
        listeners.add(listener);
        return true;
    }

    synchronized void publish(Tick tick, List<JobChange> changes) {
        backlog.addLast(tick);
        while (backlog.size() > BACKLOG) {
            backlog.removeFirst();
        }
        if (listeners.isEmpty()) {
            return;
        }
        OutboundSseEvent stats = event("stats", tick);
        OutboundSseEvent jobs = changes.isEmpty() ? null : event("jobs", changes);
        listeners.removeIf(listener -> !listener.offer(stats) || jobs != null && !listener.offer(jobs));
    }

    private OutboundSseEvent event(String name, Object data) {
        return sse.newEventBuilder().name(name).mediaType(MediaType.TEXT_PLAIN_TYPE).data(json.toJson(data))
                .reconnectDelay(2000).build();
    }

    @PreDestroy
    synchronized void close() {
        listeners.forEach(listener -> listener.drop("the application stops"));
        listeners.clear();
    }
}
