package io.ringkv.cli.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringkv.sharding.TokenRange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The repair replies' formats, as the shell and {@code ringkv repair} read them. */
class ShellRepairParsingTest {

    @Test
    void rangesReplyIsOneStartEndPairPerLine() {
        RepairPlan plan = RepairPlan.fromRangesReply(List.of("-9033454176964697392 -8841300592863556209", "5 9"));
        assertThat(plan.ranges()).containsExactly(new TokenRange(-9033454176964697392L, -8841300592863556209L),
                new TokenRange(5, 9));
    }

    @Test
    void aRangesLineThatIsNotTwoTokensIsRejected() {
        assertThatThrownBy(() -> RepairPlan.fromRangesReply(List.of("5"))).hasMessageContaining("'<start> <end>'");
        assertThatThrownBy(() -> RepairPlan.range("a", "9")).hasMessageContaining("signed 64-bit");
    }

    @Test
    void aRepairLineParsesEveryField() {
        RangeRepairReport report = RangeRepairReport.parse("range=(-5, 10] replicas=1,2,3 keys_compared=120"
                + " keys_repaired=4 bytes_sent=2048 duration_ms=35 status=ok");
        assertThat(report).isEqualTo(new RangeRepairReport("(-5, 10]", List.of(1, 2, 3), 120, 4, 2048, 35, "ok"));
        assertThat(report.ok()).isTrue();
    }

    @Test
    void aStatusOtherThanOkIsNotOk() {
        RangeRepairReport report = RangeRepairReport.parse("range=(1, 2] replicas=1,2 keys_compared=0 keys_repaired=0"
                + " bytes_sent=0 duration_ms=1 status=replica_down");
        assertThat(report.ok()).isFalse();
    }

    @Test
    void aLineWithoutARangeIsRejected() {
        assertThatThrownBy(() -> RangeRepairReport.parse("keys_compared=1 status=ok"))
                .hasMessageContaining("range=(start, end]");
    }

    @Test
    void aRangeOutcomeIsOkOnlyWithReportsThatAreAllOk() {
        TokenRange range = new TokenRange(1, 2);
        RangeRepairReport ok = new RangeRepairReport("(1, 2]", List.of(1), 1, 0, 10, 1, "ok");
        RangeRepairReport bad = new RangeRepairReport("(1, 2]", List.of(1), 1, 0, 10, 1, "timeout");

        assertThat(RangeOutcome.reported(range, List.of(ok)).ok()).isTrue();
        assertThat(RangeOutcome.reported(range, List.of(ok, bad)).problem()).contains("status=timeout for (1, 2]");
        assertThat(RangeOutcome.reported(range, List.of()).problem()).contains("empty REPAIR reply");
        assertThat(RangeOutcome.failed(range, "ERR down").problem()).contains("ERR down");
    }
}
