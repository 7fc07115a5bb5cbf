package io.ringkv.coordinator.metrics;

import io.ringkv.coordinator.consistency.ConsistencyLevel;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latency per command and consistency level, in microseconds, from HdrHistogram (two significant
 * digits, up to one hour). Each command gets its {@link PerCommand} once, at registration, so the
 * hot path records without building names or looking anything up.
 */
public final class CommandLatencies {
    private static final long HIGHEST_TRACKABLE_MICROS = TimeUnit.HOURS.toMicros(1);
    private static final int SIGNIFICANT_DIGITS = 2;

    private final ConcurrentHashMap<String, ConcurrentHistogram> byName = new ConcurrentHashMap<>();

    /** The histograms of one command: one without a level, one per consistency level, made on first use. */
    public final class PerCommand {
        private final String command;
        private final ConcurrentHistogram[] byLevel = new ConcurrentHistogram[ConsistencyLevel.values().length + 1];

        private PerCommand(String command) {
            this.command = command;
        }

        public void record(ConsistencyLevel level, long elapsedNanos) {
            int slot = level == null ? 0 : level.ordinal() + 1;
            ConcurrentHistogram histogram = byLevel[slot];
            if (histogram == null) {
                String name = level == null ? command : command + "@" + level.name();
                histogram = byName.computeIfAbsent(name,
                        n -> new ConcurrentHistogram(HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS));
                byLevel[slot] = histogram;
            }
            histogram.recordValue(Math.min(HIGHEST_TRACKABLE_MICROS, Math.max(0, elapsedNanos / 1000)));
        }
    }

    public PerCommand forCommand(String command) {
        return new PerCommand(command);
    }

    /** A copy of every histogram, by name ({@code GET@QUORUM}) in sorted order. */
    public Map<String, Histogram> snapshot() {
        Map<String, Histogram> out = new TreeMap<>();
        byName.forEach((name, histogram) -> out.put(name, histogram.copy()));
        return out;
    }
}
