package io.ringkv.cli.shell;

import io.ringkv.cli.repair.RepairDriver;
import io.ringkv.cli.repair.RepairListener;
import io.ringkv.cli.repair.RepairPlan;
import io.ringkv.cli.repair.RepairPlanException;
import io.ringkv.cli.repair.RepairProgress;
import io.ringkv.cli.repair.RepairProgressPrinter;
import io.ringkv.sharding.TokenRange;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** {@code repair [full | <start> <end>]}: the repair driver with a progress bar, or one JSON object. */
final class RepairAction {
    private RepairAction() {
    }

    static boolean run(ShellSession session, List<String> args) throws IOException {
        Optional<TokenRange> only = range(args);
        RepairDriver driver = new RepairDriver(session.connection);
        RepairPlan plan;
        try {
            plan = driver.plan(only);
        } catch (RepairPlanException e) {
            if (session.json) {
                session.printJson(JsonViews.error(e.getMessage()));
            } else {
                session.out.println("(error) " + e.getMessage());
            }
            return false;
        }
        RepairListener listener = session.json ? RepairListener.silent()
                : new RepairProgressPrinter(session.out, session.input.interactive());
        RepairProgress result = driver.run(plan, listener);
        if (session.json) {
            session.printJson(JsonViews.repair(result));
        }
        return result.succeeded();
    }

    private static Optional<TokenRange> range(List<String> args) {
        if (args.isEmpty() || args.size() == 1 && args.get(0).equalsIgnoreCase("full")) {
            return Optional.empty();
        }
        if (args.size() == 2) {
            try {
                return Optional.of(RepairPlan.range(args.get(0), args.get(1)));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        throw new UsageException("usage: repair [full | <start> <end>]");
    }
}
