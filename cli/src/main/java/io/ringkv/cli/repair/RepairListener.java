package io.ringkv.cli.repair;

/** Told about a repair run as it goes, to draw progress; called on the driving thread. */
public interface RepairListener {
    void started(RepairProgress progress);

    void rangeFinished(RangeOutcome outcome, RepairProgress progress);

    void finished(RepairProgress progress);

    /** For callers that print only the final result (e.g. as JSON). */
    static RepairListener silent() {
        return new RepairListener() {
            @Override
            public void started(RepairProgress progress) {
            }

            @Override
            public void rangeFinished(RangeOutcome outcome, RepairProgress progress) {
            }

            @Override
            public void finished(RepairProgress progress) {
            }
        };
    }
}
