package io.ringkv.coordinator.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latency per command name and consistency level, in microseconds, from HdrHistogram (two
 * significant digits, up to one hour). Recording is safe from any thread.
 */
public final class CommandLatencies {
    private static final long HIGHEST_TRACKABLE_MICROS = TimeUnit.HOURS.toMicros(1);
    private static final int SIGNIFICANT_DIGITS = 2;

    private final ConcurrentHashMap<String, ConcurrentHistogram> byCommand = new ConcurrentHashMap<>();

    public void record(String command, String level, long elapsedNanos) {
        String name = level == null ? command : command + "@" + level;
        ConcurrentHistogram histogram = byCommand.computeIfAbsent(name,
                n -> new ConcurrentHistogram(HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS));
        histogram.recordValue(Math.min(HIGHEST_TRACKABLE_MICROS, Math.max(0, elapsedNanos / 1000)));
    }

    /** A copy of every histogram, by name in sorted order. */
    public Map<String, Histogram> snapshot() {
        Map<String, Histogram> out = new TreeMap<>();
        byCommand.forEach((name, histogram) -> out.put(name, histogram.copy()));
        return out;
    }

    public long totalCount() {
        long total = 0;
        for (ConcurrentHistogram histogram : byCommand.values()) {
            total += histogram.getTotalCount();
        }
        return total;
    }
}
