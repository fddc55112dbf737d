package dev.errand.platform.security;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed logins per key (a client address or an account) in a sliding window: the {@code limit}-th failure within
 * {@code windowNanos} blocks the key until the oldest of them leaves the window. Memory is bounded by {@code maxKeys},
 * the least recently failing key going first; in practice the limit is never reached, since every failure counted
 * here cost the server a deliberately slow password hash, and a failure leaves after one window.
 */
final class FailureWindow {

    private final int limit;
    private final long windowNanos;
    private final Map<String, Deque<Long>> failures;

    FailureWindow(int limit, long windowNanos, int maxKeys) {
        this.limit = limit;
        this.windowNanos = windowNanos;
        this.failures = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Long>> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** How long the key stays blocked (nanoseconds; 0: not blocked). */
    synchronized long blockedNanos(String key, long now) {
        Deque<Long> times = current(key, now);
        return times != null && times.size() >= limit ? Math.max(1, times.peekFirst() + windowNanos - now) : 0;
    }

    /** Counts a failure; true when it is the one that blocks the key. */
    synchronized boolean add(String key, long now) {
        Deque<Long> times = current(key, now);
        if (times == null) {
            times = new ArrayDeque<>(limit);
            failures.put(key, times);
        }
        times.addLast(now);
        while (times.size() > limit) {
            times.removeFirst();
        }
        return times.size() == limit;
    }

    synchronized int keys() {
        return failures.size();
    }

    private Deque<Long> current(String key, long now) {
        Deque<Long> times = failures.get(key);
        if (times == null) {
            return null;
        }
        while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
            times.removeFirst();
        }
        if (times.isEmpty()) {
            failures.remove(key);
            return null;
        }
        return times;
    }
}
