package dev.errand.dashboard;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Logger;

/**
 * One dashboard listening to the {@link LiveFeed}. Its events go to the sink in order, each handed over on the
 * executor once the one before it is written; nothing waits for a write. A client that stops reading therefore holds
 * no thread, only its own queue, and is dropped once {@link #MAX_PENDING} events wait for it.
 *
 * <p>The sink is closed only after its last write finished, never on the caller's thread: RESTEasy's
 * {@code SseEventSink.close()} flushes and blocks until the flush is done, which for a client that stopped reading
 * lasts as long as TCP keeps the connection. A listener dropped while a write is stuck is closed by RESTEasy itself
 * when that write fails (docs/dashboard.md, "The live feed").
 */
final class Listener {

    private static final Logger LOG = Logger.getLogger(Listener.class.getName());

    /** Events queued for one client before it counts as stalled (ten seconds of ticks). */
    static final int MAX_PENDING = 20;

    private final SseEventSink sink;
    private final Executor executor;
    private CompletableFuture<Void> written = CompletableFuture.completedFuture(null);
    private int pending;
    private boolean dropped;

    Listener(SseEventSink sink, Executor executor) {
        this.sink = sink;
        this.executor = executor;
    }

    /** @return false, queueing nothing, when this listener is gone: closed by its client, failed or too far behind */
    synchronized boolean offer(OutboundSseEvent event) {
        if (dropped) {
            return false;
        }
        if (sink.isClosed()) {
            drop("it closed the connection");
            return false;
        }
        if (pending >= MAX_PENDING) {
            drop(pending + " events wait for it");
            return false;
        }
        pending++;
        written = written.thenComposeAsync(previous -> sink.send(event), executor).thenRun(this::sent);
        written.exceptionally(failure -> {
            drop("a write failed: " + failure);
            return null;
        });
        return true;
    }

    synchronized boolean isGone() {
        return dropped || sink.isClosed();
    }

    /** Stops queueing; the sink is closed on the executor once the writes under way are done (or failed). */
    synchronized void drop(String why) {
        if (dropped) {
            return;
        }
        dropped = true;
        LOG.fine(() -> "Dashboard live feed: dropped a client, " + why);
        written.whenComplete((done, failure) -> {
            try {
                executor.execute(this::close);
            } catch (RejectedExecutionException stopping) {
                close(); // the application stops; its writes are done, so the flush does not wait for the client
            }
        });
    }

    private synchronized void sent() {
        pending--;
    }

    private void close() {
        try {
            sink.close();
        } catch (RuntimeException e) {
            // closing a broken connection may fail too; it is gone either way
        }
    }
}
