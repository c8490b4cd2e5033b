package io.sightline.auth.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Failed sign-ins per source address in a sliding window, kept in memory. */
final class IpThrottle {
    private static final int MAX_ADDRESSES = 10_000;
    private final int limit;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    IpThrottle(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
    }

    boolean blocked(String address, Instant now) {
        Deque<Instant> times = failures.get(address);
        if (times == null) {
            return false;
        }
        synchronized (times) {
            prune(times, now);
            return times.size() >= limit;
        }
    }

    void recordFailure(String address, Instant now) {
        if (failures.size() > MAX_ADDRESSES) {
            forgetQuiet(now); // many addresses: keep memory bounded by dropping those with no recent failure
        }
        Deque<Instant> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (times) {
            prune(times, now);
            times.addLast(now);
        }
    }

    private void forgetQuiet(Instant now) {
        failures.entrySet().removeIf(entry -> {
            synchronized (entry.getValue()) {
                prune(entry.getValue(), now);
                return entry.getValue().isEmpty();
            }
        });
    }

    int trackedAddresses() {
        return failures.size();
    }

    private void prune(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(window))) {
            times.removeFirst();
        }
    }
}
