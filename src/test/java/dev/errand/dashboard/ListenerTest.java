package dev.errand.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A dashboard that stops reading must not hold the feed's writer, the ticker or the other dashboards. */
class ListenerTest {

    private static final String WRITER = "feed-writer";

    /** One thread, as few as a busy server's managed executor may have free. */
    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> new Thread(task, WRITER));

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** What the managed executor's completedFuture gives in the server: async stages run on that executor. */
    private Listener listener(FakeSink sink) {
        return new Listener(sink, new OnWriter<Void>().completedOnWriter());
    }

    private final class OnWriter<T> extends CompletableFuture<T> {
        @Override
        public Executor defaultExecutor() {
            return executor;
        }

        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            return new OnWriter<>();
        }

        CompletableFuture<T> completedOnWriter() {
            complete(null);
            return this;
        }
    }

    @Test
    void eventsAreWrittenInOrderOnTheExecutor() {
        FakeSink sink = new FakeSink(event -> CompletableFuture.completedFuture(null));
        Listener listener = listener(sink);

        for (int i = 0; i < 5; i++) {
            assertThat(listener.offer(event(i))).isTrue();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.sent.size() == 5);
        assertThat(sink.sent).containsExactly(event(0), event(1), event(2), event(3), event(4));
        assertThat(sink.sendThreads).containsOnly(WRITER);
    }

    @Test
    void aClientThatStopsReadingFallsBehindAloneAndIsDroppedWithoutWaitingForIt() {
        CompletableFuture<Void> stuck = new CompletableFuture<>();
        FakeSink stalled = new FakeSink(event -> stuck);
        FakeSink reading = new FakeSink(event -> CompletableFuture.completedFuture(null));
        Listener slow = listener(stalled);
        Listener fast = listener(reading);

        int accepted = 0;
        for (int i = 0; i < 30; i++) {
            accepted += slow.offer(event(i)) ? 1 : 0;
            assertThat(fast.offer(event(i))).isTrue();
            int written = i + 1;
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                    .until(() -> reading.sent.size() == written);
        }

        assertThat(accepted).isEqualTo(Listener.MAX_PENDING);
        assertThat(slow.isGone()).isTrue();
        assertThat(reading.sent).hasSize(30);
        assertThat(stalled.sent).hasSize(1);
        // Closing would flush and wait for the stalled client: it waits until the stuck write ends.
        assertThat(stalled.closedOn).isEmpty();

        stuck.completeExceptionally(new IOException("Connection reset by peer"));

        await().atMost(Duration.ofSeconds(10)).until(() -> !stalled.closedOn.isEmpty());
        assertThat(stalled.closedOn).containsExactly(WRITER);
    }

    @Test
    void aFailedWriteDropsTheListenerAndClosesItsSink() {
        FakeSink broken = new FakeSink(event -> CompletableFuture.failedFuture(new IOException("Broken pipe")));
        Listener listener = listener(broken);

        assertThat(listener.offer(event(1))).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(listener::isGone);
        assertThat(listener.offer(event(2))).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> !broken.closedOn.isEmpty());
        assertThat(broken.sent).containsExactly(event(1));
    }

    @Test
    void aListenerDroppedWhileWritingIsClosedOnceTheWriteIsDone() {
        CompletableFuture<Void> slowWrite = new CompletableFuture<>();
        FakeSink sink = new FakeSink(event -> slowWrite);
        Listener listener = listener(sink);
        listener.offer(event(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.sent.size() == 1);

        listener.drop("the application stops");

        assertThat(listener.offer(event(2))).isFalse();
        assertThat(sink.closedOn).isEmpty();
        slowWrite.complete(null);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.closedOn.size() == 1);
        assertThat(sink.sent).containsExactly(event(1));
    }

    /** An event that knows its number: enough to follow order, as the sink never serialises it. */
    private static OutboundSseEvent event(int number) {
        return EVENTS.get(number);
    }

    private static final List<OutboundSseEvent> EVENTS = IntStream.range(0, 40)
            .mapToObj(number -> (OutboundSseEvent) Proxy.newProxyInstance(ListenerTest.class.getClassLoader(),
                    new Class<?>[] {OutboundSseEvent.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "toString" -> "event " + number;
                        case "hashCode" -> number;
                        case "equals" -> proxy == args[0];
                        default -> null;
                    }))
            .toList();

    /** The sink as RESTEasy's behaves for this: send hands back when the event is written, close records its thread. */
    private static final class FakeSink implements SseEventSink {
        final List<OutboundSseEvent> sent = new CopyOnWriteArrayList<>();
        final List<String> sendThreads = new CopyOnWriteArrayList<>();
        final List<String> closedOn = new CopyOnWriteArrayList<>();
        private final Function<OutboundSseEvent, CompletableFuture<Void>> write;
        private volatile boolean closed;

        FakeSink(Function<OutboundSseEvent, CompletableFuture<Void>> write) {
            this.write = write;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public CompletionStage<?> send(OutboundSseEvent event) {
            sent.add(event);
            sendThreads.add(Thread.currentThread().getName());
            return write.apply(event);
        }

        @Override
        public void close() {
            closed = true;
            closedOn.add(Thread.currentThread().getName());
        }
    }
}
