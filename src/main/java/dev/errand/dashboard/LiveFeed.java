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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The dashboard's server-sent events: one feed for every open dashboard, fed by {@link LiveTicker} once a second, so
 * the database is asked once per server whatever the number of viewers. At most {@code ERRAND_SSE_MAX_CLIENTS}
 * (100) dashboards listen at once. Events are written by the server's managed executor, one queue per client, never
 * by the ticker under this feed's lock: a client that stalls falls behind alone, and is dropped once
 * {@link #MAX_PENDING} events wait for it.
 */
@ApplicationScoped
public class LiveFeed {

    private static final Logger LOG = Logger.getLogger(LiveFeed.class.getName());

    /** The per-second points kept for a dashboard that opens later (its live graph starts filled). */
    static final int BACKLOG = 120;
    /** Events queued for one client before it counts as stalled (ten seconds of ticks). */
    static final int MAX_PENDING = 20;

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
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private Sse sse;

    /** @return false, sending nothing, when {@code ERRAND_SSE_MAX_CLIENTS} dashboards already listen */
    public synchronized boolean subscribe(Sse sse, SseEventSink sink) {
        clients.removeIf(client -> client.sink.isClosed());
        if (clients.size() >= maxClients) {
            return false;
        }
        this.sse = sse;
        Client client = new Client(sink);
        // The newcomer's graph starts with what the others have seen; then it hears what they hear.
        client.offer(event("series", new ArrayList<>(backlog)));
        clients.add(client);
        return true;
    }

    synchronized void publish(Tick tick, List<JobChange> changes) {
        backlog.addLast(tick);
        while (backlog.size() > BACKLOG) {
            backlog.removeFirst();
        }
        if (clients.isEmpty()) {
            return;
        }
        OutboundSseEvent stats = event("stats", tick);
        OutboundSseEvent jobs = changes.isEmpty() ? null : event("jobs", changes);
        for (Client client : clients) {
            client.offer(stats);
            if (jobs != null) {
                client.offer(jobs);
            }
        }
    }

    private OutboundSseEvent event(String name, Object data) {
        return sse.newEventBuilder().name(name).mediaType(MediaType.TEXT_PLAIN_TYPE).data(json.toJson(data))
                .reconnectDelay(2000).build();
    }

    private void drop(Client client, String why) {
        if (clients.remove(client)) {
            LOG.fine(() -> "Dashboard live feed: dropped a client, " + why);
        }
        try {
            client.sink.close();
        } catch (RuntimeException e) {
            // closing a broken connection may fail too; it is gone either way
        }
    }

    @PreDestroy
    synchronized void close() {
        List.copyOf(clients).forEach(client -> drop(client, "the application stops"));
    }

    /** One listening dashboard: its events are written in order, one at a time, off the ticker's thread. */
    private final class Client {
        final SseEventSink sink;
        private CompletableFuture<Void> written = CompletableFuture.completedFuture(null);
        private int pending;

        Client(SseEventSink sink) {
            this.sink = sink;
        }

        synchronized void offer(OutboundSseEvent event) {
            if (sink.isClosed()) {
                drop(this, "it closed the connection");
                return;
            }
            if (pending >= MAX_PENDING) {
                drop(this, MAX_PENDING + " events wait for it");
                return;
            }
            pending++;
            written = written.thenRunAsync(() -> {
                sink.send(event).toCompletableFuture().join();
                sent();
            }, executor).exceptionally(failure -> {
                drop(this, "a write failed: " + failure);
                return null;
            });
        }

        private synchronized void sent() {
            pending--;
        }
    }
}
