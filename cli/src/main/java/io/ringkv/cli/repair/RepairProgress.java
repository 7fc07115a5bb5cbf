package io.ringkv.cli.repair;

import com.google.common.base.Preconditions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The running totals of one repair run, as an immutable value: each finished range gives the next
 * value through {@link #after}. Renders the one-line progress bar and the closing summary, so the
 * shell and {@code ringkv repair} print the same thing.
 */
public record RepairProgress(int rangesTotal, int rangesDone, long keysCompared, long keysRepaired, long bytesSent,
                             long durationMs, List<RangeFailure> failures) {
    static final int BAR_WIDTH = 24;

    /** A range that did not repair, and why. */
    public record RangeFailure(String range, String reason) {
    }

    public RepairProgress {
        Preconditions.checkArgument(rangesDone >= 0 && rangesDone <= rangesTotal,
                "ranges done %s (expected: 0 to %s)", rangesDone, rangesTotal);
        failures = List.copyOf(failures);
    }

    public static RepairProgress starting(int rangesTotal) {
        return new RepairProgress(rangesTotal, 0, 0, 0, 0, 0, List.of());
    }

    public RepairProgress after(RangeOutcome outcome) {
        long compared = keysCompared;
        long repaired = keysRepaired;
        long sent = bytesSent;
        long duration = durationMs;
        for (RangeRepairReport report : outcome.reports()) {
            compared += report.keysCompared();
            repaired += report.keysRepaired();
            sent += report.bytesSent();
            duration += report.durationMs();
        }
        List<RangeFailure> failed = failures;
        if (!outcome.ok()) {
            failed = new ArrayList<>(failures);
            failed.add(new RangeFailure(outcome.range().toString(), outcome.problem().orElse("failed")));
        }
        return new RepairProgress(rangesTotal, rangesDone + 1, compared, repaired, sent, duration, failed);
    }

    public boolean succeeded() {
        return failures.isEmpty() && rangesDone == rangesTotal;
    }

    /** E.g. {@code [######------------------]  3/12 ranges  keys compared 1,204  repaired 7  sent 3.1 KiB}. */
    public String progressLine() {
        int filled = rangesTotal == 0 ? BAR_WIDTH : (int) ((long) BAR_WIDTH * rangesDone / rangesTotal);
        String line = String.format(Locale.ROOT, "[%s%s] %d/%d ranges  keys compared %,d  repaired %,d  sent %s",
                "#".repeat(filled), "-".repeat(BAR_WIDTH - filled), rangesDone, rangesTotal, keysCompared, keysRepaired,
                humanBytes(bytesSent));
        return failures.isEmpty() ? line : line + "  failed " + failures.size();
    }

    public String summary() {
        return String.format(Locale.ROOT, "repair %s: %d/%d ranges repaired, %d failed; keys compared %,d, repaired %,d;"
                        + " %s sent; %,d ms on the replicas", succeeded() ? "finished" : "FAILED",
                rangesDone - failures.size(), rangesTotal, failures.size(), keysCompared, keysRepaired,
                humanBytes(bytesSent), durationMs);
    }

    static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
