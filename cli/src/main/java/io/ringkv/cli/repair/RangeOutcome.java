package io.ringkv.cli.repair;

import io.ringkv.sharding.TokenRange;
import java.util.List;
import java.util.Optional;

/**
 * How repairing one range went: the reports the server sent back, or the reason it failed (an
 * error reply, or a reply we could not read). A range is ok only when it has at least one report
 * and every report says {@code status=ok}.
 */
public record RangeOutcome(TokenRange range, List<RangeRepairReport> reports, Optional<String> error) {

    public RangeOutcome {
        reports = List.copyOf(reports);
    }

    public static RangeOutcome reported(TokenRange range, List<RangeRepairReport> reports) {
        return reports.isEmpty() ? failed(range, "empty REPAIR reply")
                : new RangeOutcome(range, reports, Optional.empty());
    }

    public static RangeOutcome failed(TokenRange range, String reason) {
        return new RangeOutcome(range, List.of(), Optional.of(reason));
    }

    public boolean ok() {
        return error.isEmpty() && reports.stream().allMatch(RangeRepairReport::ok);
    }

    /** Why the range is not ok, for the failure line; empty when it is ok. */
    public Optional<String> problem() {
        if (error.isPresent()) {
            return error;
        }
        return reports.stream().filter(report -> !report.ok()).findFirst()
                .map(report -> "status=" + report.status() + " for " + report.range());
    }
}
