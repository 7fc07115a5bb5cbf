package io.ringkv.cli.repair;

import io.ringkv.cli.ReplyLines;
import io.ringkv.cli.RespCall;
import io.ringkv.cli.RespClient.RespError;
import io.ringkv.sharding.TokenRange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Drives an anti-entropy repair from the client side, one range at a time so progress can be
 * shown and one bad range does not stop the others: {@code REPAIR RANGES} lists the ranges, then
 * {@code REPAIR <start> <end>} repairs each. Shared by the shell's {@code repair} and
 * {@code ringkv repair}.
 */
public final class RepairDriver {
    private final RespCall server;

    public RepairDriver(RespCall server) {
        this.server = server;
    }

    /** The ranges to walk: {@code only} if given, else every range the server lists. */
    public RepairPlan plan(Optional<TokenRange> only) throws IOException, RepairPlanException {
        if (only.isPresent()) {
            return RepairPlan.single(only.get());
        }
        Object reply = server.call("REPAIR", "RANGES");
        if (reply instanceof RespError error) {
            throw new RepairPlanException(error.message());
        }
        try {
            return RepairPlan.fromRangesReply(ReplyLines.of(reply));
        } catch (IllegalArgumentException e) {
            throw new RepairPlanException(e.getMessage());
        }
    }

    /**
     * Repairs every range of the plan in order and returns the totals. A range's error reply is
     * recorded as its failure and the run goes on; a broken connection ends the run by throwing.
     */
    public RepairProgress run(RepairPlan plan, RepairListener listener) throws IOException {
        RepairProgress progress = RepairProgress.starting(plan.ranges().size());
        listener.started(progress);
        for (TokenRange range : plan.ranges()) {
            RangeOutcome outcome = repair(range);
            progress = progress.after(outcome);
            listener.rangeFinished(outcome, progress);
        }
        listener.finished(progress);
        return progress;
    }

    private RangeOutcome repair(TokenRange range) throws IOException {
        Object reply = server.call("REPAIR", String.valueOf(range.start()), String.valueOf(range.end()));
        if (reply instanceof RespError error) {
            return RangeOutcome.failed(range, error.message());
        }
        List<RangeRepairReport> reports = new ArrayList<>();
        try {
            for (String line : ReplyLines.of(reply)) {
                reports.add(RangeRepairReport.parse(line));
            }
        } catch (IllegalArgumentException unreadable) {
            return RangeOutcome.failed(range, unreadable.getMessage());
        }
        return RangeOutcome.reported(range, reports);
    }
}
