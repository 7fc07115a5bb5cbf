package io.ringkv.cli.repair;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.sharding.TokenRange;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellRepairProgressTest {
    private static final TokenRange FIRST = new TokenRange(0, 10);
    private static final TokenRange SECOND = new TokenRange(10, 20);

    private static RangeOutcome ok(TokenRange range, long compared, long repaired, long bytes) {
        return RangeOutcome.reported(range, List.of(
                new RangeRepairReport(range.toString(), List.of(1, 2, 3), compared, repaired, bytes, 5, "ok")));
    }

    @Test
    void totalsAddUpOverRanges() {
        RepairProgress progress = RepairProgress.starting(4).after(ok(FIRST, 100, 2, 1000)).after(ok(SECOND, 50, 1, 500));

        assertThat(progress.rangesDone()).isEqualTo(2);
        assertThat(progress.keysCompared()).isEqualTo(150);
        assertThat(progress.keysRepaired()).isEqualTo(3);
        assertThat(progress.bytesSent()).isEqualTo(1500);
        assertThat(progress.durationMs()).isEqualTo(10);
        assertThat(progress.succeeded()).isFalse();
    }

    @Test
    void theBarFillsInProportionAndShowsTheCounters() {
        RepairProgress half = RepairProgress.starting(2).after(ok(FIRST, 1204, 7, 3174));
        assertThat(half.progressLine())
                .isEqualTo("[############------------] 1/2 ranges  keys compared 1,204  repaired 7  sent 3.1 KiB");
    }

    @Test
    void aFailedRangeIsCountedAndNamedInTheSummary() {
        RepairProgress done = RepairProgress.starting(2).after(ok(FIRST, 10, 0, 100))
                .after(RangeOutcome.failed(SECOND, "ERR replica 3 is down"));

        assertThat(done.succeeded()).isFalse();
        assertThat(done.failures()).containsExactly(new RepairProgress.RangeFailure("(10, 20]", "ERR replica 3 is down"));
        assertThat(done.progressLine()).endsWith("failed 1");
        assertThat(done.summary()).isEqualTo(
                "repair FAILED: 1/2 ranges repaired, 1 failed; keys compared 10, repaired 0; 100 B sent; 5 ms on the replicas");
    }

    @Test
    void aCleanRunSucceeds() {
        RepairProgress done = RepairProgress.starting(1).after(ok(FIRST, 3, 0, 2 * 1024 * 1024));
        assertThat(done.succeeded()).isTrue();
        assertThat(done.summary()).startsWith("repair finished: 1/1 ranges repaired, 0 failed;").contains("2.0 MiB sent");
    }

    @Test
    void anEmptyPlanIsDoneAtOnce() {
        assertThat(RepairProgress.starting(0).succeeded()).isTrue();
        assertThat(RepairProgress.starting(0).progressLine()).startsWith("[########################] 0/0 ranges");
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlaceAndFailuresScrollAbove() {
        StringWriter text = new StringWriter();
        RepairProgressPrinter printer = new RepairProgressPrinter(new PrintWriter(text), true);
        RepairProgress start = RepairProgress.starting(2);
        RangeOutcome failed = RangeOutcome.failed(FIRST, "ERR down");
        RepairProgress afterFirst = start.after(failed);
        RepairProgress afterSecond = afterFirst.after(ok(SECOND, 1, 0, 1));

        printer.started(start);
        printer.rangeFinished(failed, afterFirst);
        printer.rangeFinished(ok(SECOND, 1, 0, 1), afterSecond);
        printer.finished(afterSecond);

        String[] lines = text.toString().split("\n", -1);
        assertThat(lines[0]).isEqualTo("repairing 2 ranges");
        assertThat(lines[1]).startsWith("\r[---").contains("\rrange (0, 10] failed: ERR down");
        assertThat(lines[2]).startsWith("\r[###").contains("2/2 ranges");
        assertThat(lines[3]).startsWith("repair FAILED: 1/2 ranges repaired, 1 failed");
    }

    @Test
    void elsewhereEachRangeGetsItsOwnLine() {
        StringWriter text = new StringWriter();
        RepairProgressPrinter printer = new RepairProgressPrinter(new PrintWriter(text), false);
        RepairProgress start = RepairProgress.starting(2);
        RepairProgress afterFirst = start.after(ok(FIRST, 1, 0, 1));
        RangeOutcome failed = RangeOutcome.failed(SECOND, "ERR down");
        RepairProgress afterSecond = afterFirst.after(failed);

        printer.started(start);
        printer.rangeFinished(ok(FIRST, 1, 0, 1), afterFirst);
        printer.rangeFinished(failed, afterSecond);
        printer.finished(afterSecond);

        assertThat(text.toString()).doesNotContain("\r").isEqualTo("repairing 2 ranges\n"
                + afterFirst.progressLine() + "\n"
                + "range (10, 20] failed: ERR down\n"
                + afterSecond.summary() + "\n");
    }
}
