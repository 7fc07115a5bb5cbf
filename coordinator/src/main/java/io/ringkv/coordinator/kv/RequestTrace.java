package io.ringkv.coordinator.kv;

import io.ringkv.storage.Cell;
import io.ringkv.storage.HybridClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What one traced command did among the replicas: who was asked, what version each returned,
 * which were stale and repaired, and when, in microseconds since the command started. A session
 * with TRACING ON gets one per command; the coordinator finds it through {@link #current()} while
 * the command starts on the event loop, and carries it into its callbacks explicitly.
 */
public final class RequestTrace {
    private static final ThreadLocal<RequestTrace> CURRENT = new ThreadLocal<>();

    private final String command;
    private final long startNanos = System.nanoTime();
    private final List<String> events = new ArrayList<>();

    public RequestTrace(String command) {
        this.command = command;
    }

    /** The trace of the command starting on this thread, or null when it is not traced. */
    public static RequestTrace current() {
        return CURRENT.get();
    }

    /** Runs {@code start} with {@code trace} as the current trace of this thread. */
    public static <T> T within(RequestTrace trace, Supplier<T> start) {
        RequestTrace previous = CURRENT.get();
        CURRENT.set(trace);
        try {
            return start.get();
        } finally {
            CURRENT.set(previous);
        }
    }

    /** Records {@code text} if {@code trace} is not null (callers need not check). */
    public static void note(RequestTrace trace, String text) {
        if (trace != null) {
            trace.event(text);
        }
    }

    public synchronized void event(String text) {
        long micros = (System.nanoTime() - startNanos) / 1_000;
        events.add(String.format(Locale.ROOT, "%8d us  %s", micros, text));
    }

    public synchronized String render() {
        StringBuilder out = new StringBuilder("trace of ").append(command).append('\n');
        events.forEach(e -> out.append(e).append('\n'));
        return out.toString();
    }

    /** A version as traces show it: HLC time, logical counter and writing node, or "none". */
    public static String version(Cell cell) {
        if (cell == null) {
            return "none";
        }
        return HybridClock.format(cell.hlc()) + "@node" + cell.nodeId() + (cell.isTombstone() ? " (tombstone)" : "");
    }
}
