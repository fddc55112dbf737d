package dev.errand.job.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Groups jobs that are due together into messages: jobs of one priority per message, at most {@code size} of them,
 * and together no more than {@code workMicros} of expected run time ({@link RunTimes}), so that a worker holds a
 * message for a moment, not for the sum of many long jobs. A job expected to take the budget or longer (or of a
 * type this server has not run yet) travels alone.
 */
final class Chunks {

    private final int size;
    private final long workMicros;
    private final BiConsumer<List<JobRef>, Integer> send;
    private final Open[] open;

    private static final class Open {
        final List<JobRef> refs = new ArrayList<>();
        long work;
    }

    /** @param send called with a full chunk and its priority; the list is not kept after the call */
    Chunks(int size, long workMicros, int priorities, BiConsumer<List<JobRef>, Integer> send) {
        this.size = size;
        this.workMicros = workMicros;
        this.send = send;
        this.open = new Open[priorities];
    }

    void add(JobRef ref, int priority, long expectedMicros) {
        Open chunk = open[priority] != null ? open[priority] : (open[priority] = new Open());
        if (!chunk.refs.isEmpty() && saturatedSum(chunk.work, expectedMicros) > workMicros) {
            flush(chunk, priority);
        }
        chunk.refs.add(ref);
        chunk.work = saturatedSum(chunk.work, expectedMicros);
        if (chunk.refs.size() >= size || chunk.work >= workMicros) {
            flush(chunk, priority);
        }
    }

    /** Sends what is left, the highest priority first. */
    void close() {
        for (int priority = open.length - 1; priority >= 0; priority--) {
            if (open[priority] != null && !open[priority].refs.isEmpty()) {
                flush(open[priority], priority);
            }
        }
    }

    private void flush(Open chunk, int priority) {
        send.accept(chunk.refs, priority);
        chunk.refs.clear();
        chunk.work = 0;
    }

    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
