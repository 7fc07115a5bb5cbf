package io.ringkv.cli.repair;

import java.io.PrintWriter;

/**
 * Prints a repair's progress: on a terminal, one bar redrawn in place with failures scrolling
 * above it; elsewhere (a pipe, a log, a test) one line per range. The summary comes last either way.
 */
public final class RepairProgressPrinter implements RepairListener {
    private final PrintWriter out;
    private final boolean redrawInPlace;
    private int drawnWidth;

    public RepairProgressPrinter(PrintWriter out, boolean redrawInPlace) {
        this.out = out;
        this.redrawInPlace = redrawInPlace;
    }

    @Override
    public void started(RepairProgress progress) {
        out.println("repairing " + progress.rangesTotal() + " ranges");
        if (redrawInPlace) {
            redraw(progress.progressLine());
        }
    }

    @Override
    public void rangeFinished(RangeOutcome outcome, RepairProgress progress) {
        String failure = outcome.problem().map(problem -> "range " + outcome.range() + " failed: " + problem).orElse(null);
        if (!redrawInPlace) {
            out.println(failure != null ? failure : progress.progressLine());
            out.flush();
            return;
        }
        if (failure != null) {
            redraw(failure);
            out.println();
            drawnWidth = 0;
        }
        redraw(progress.progressLine());
    }

    @Override
    public void finished(RepairProgress progress) {
        if (redrawInPlace) {
            out.println();
        }
        out.println(progress.summary());
        out.flush();
    }

    private void redraw(String line) {
        // Spaces over the tail of a longer previous line, since a carriage return does not clear it.
        out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        out.flush();
        drawnWidth = line.length();
    }
}
