package dev.errand.job.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups jobs that are due together into messages: jobs of one queue and one priority per message (a message is
 * consumed by the lane of its queue, docs/run-control.md "Worker shares"), at most {@code size} of them, and together
 * no more than {@code workMicros} of expected run time ({@link RunTimes}), so that a worker holds a message for a
 * moment, not for the sum of many long jobs. A job expected to take the budget or longer (or of a type this server
 * has not run yet) travels alone.
 */
final class Chunks {

    /** Sends one full chunk; the list is not kept after the call. */
    interface Sender {
        void send(List<JobRef> refs, String queue, int priority);
    }

    private final int size;
    private final long workMicros;
    private final Sender send;
    private final Map<Key, Open> open = new LinkedHashMap<>();

    private record Key(String queue, int priority) {
    }

    private static final class Open {
        final List<JobRef> refs = new ArrayList<>();
        long work;
    }

    Chunks(int size, long workMicros, Sender send) {
        this.size = size;
        this.workMicros = workMicros;
        this.send = send;
    }

    void add(JobRef ref, String queue, int priority, long expectedMicros) {
        Key key = new Key(queue, priority);
        Open chunk = open.computeIfAbsent(key, k -> new Open());
        if (!chunk.refs.isEmpty() && saturatedSum(chunk.work, expectedMicros) > workMicros) {
            flush(key, chunk);
        }
        chunk.refs.add(ref);
        chunk.work = saturatedSum(chunk.work, expectedMicros);
        if (chunk.refs.size() >= size || chunk.work >= workMicros) {
            flush(key, chunk);
        }
    }

    /** Sends what is left, the highest priority first (queues of one priority in the order they came). */
    void close() {
        open.entrySet().stream()
                .filter(e -> !e.getValue().refs.isEmpty())
                .sorted(Comparator.comparingInt((Map.Entry<Key, Open> e) -> e.getKey().priority()).reversed())
                .forEach(e -> flush(e.getKey(), e.getValue()));
    }

    private void flush(Key key, Open chunk) {
        send.send(chunk.refs, key.queue(), key.priority());
        chunk.refs.clear();
        chunk.work = 0;
    }

    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
