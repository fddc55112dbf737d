package dev.errand.dashboard;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * One dashboard listening to the {@link LiveFeed}. Its events go to the sink in order, each handed over on the
 * executor once the one before it is written; nothing waits for a write. A client that stops reading therefore holds
 * no thread, only its own queue, and is dropped once {@link #MAX_PENDING} events wait for it.
 *
 * <p>The chain of writes starts from the managed executor's own completed future: its async stages run on that
 * executor with the context of the thread that queued them (Jakarta Concurrency 3.0), even when the write before
 * completes on one of the web server's I/O threads.
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
    private CompletableFuture<Void> written;
    private int pending;
    private boolean dropped;

    /** @param start a completed future whose async stages run where events are written: the managed executor's */
    Listener(SseEventSink sink, CompletableFuture<Void> start) {
        this.sink = sink;
        this.written = start;
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
        written = written.thenComposeAsync(previous -> sink.send(event)).thenRun(this::sent);
        written.exceptionally(failure -> {
            drop("a write failed: " + failure);
            return null;
        });
        return true;
    }

    synchronized boolean isGone() {
        return dropped || sink.isClosed();
    }

    /** Stops queueing; the sink is closed on the executor once the write under way is done (or failed). */
    synchronized void drop(String why) {
        if (dropped) {
            return;
        }
        dropped = true;
        LOG.fine(() -> "Dashboard live feed: dropped a client, " + why);
        written.whenCompleteAsync((done, failure) -> close());
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
