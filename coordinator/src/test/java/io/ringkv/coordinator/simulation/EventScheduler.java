package io.ringkv.coordinator.simulation;

import java.util.PriorityQueue;

/**
 * Virtual time for a simulation: events run in time order (ties in the order scheduled), one at
 * a time on the caller's thread, so a run is a pure function of its seed.
 */
final class EventScheduler {
    private record Event(long atMs, long sequence, Runnable action) {
    }

    private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) ->
            a.atMs != b.atMs ? Long.compare(a.atMs, b.atMs) : Long.compare(a.sequence, b.sequence));
    private long nowMs;
    private long sequence;

    long nowMs() {
        return nowMs;
    }

    void schedule(long delayMs, Runnable action) {
        events.add(new Event(nowMs + Math.max(0, delayMs), sequence++, action));
    }

    /** Runs events until none is left or {@code maxEvents} ran; returns how many ran. */
    int runUntilIdle(int maxEvents) {
        int ran = 0;
        while (!events.isEmpty() && ran < maxEvents) {
            Event next = events.poll();
            nowMs = next.atMs;
            next.action.run();
            ran++;
        }
        return ran;
    }

    /** Runs every event due up to {@code timeMs}, then moves the clock there. */
    void runUntil(long timeMs, int maxEvents) {
        int ran = 0;
        while (!events.isEmpty() && events.peek().atMs <= timeMs && ran < maxEvents) {
            Event next = events.poll();
            nowMs = next.atMs;
            next.action.run();
            ran++;
        }
        nowMs = Math.max(nowMs, timeMs);
    }
}
