package io.ringkv.cli;

import io.ringkv.cli.repair.RepairDriver;
import io.ringkv.cli.repair.RepairPlan;
import io.ringkv.cli.repair.RepairPlanException;
import io.ringkv.cli.repair.RepairProgress;
import io.ringkv.cli.repair.RepairProgressPrinter;
import io.ringkv.sharding.TokenRange;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ringkv repair}: anti-entropy repair range by range through one node, with a progress line. */
@Command(name = "repair", mixinStandardHelpOptions = true, versionProvider = RingkvVersion.class, description = "Repair every token range (or one with --range) through one node; "
        + "exits non-zero if any range failed.")
final class RepairCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    NodeAddress node = new NodeAddress();

    @Option(names = "--range", arity = "2", paramLabel = "TOKEN", description = "repair only (START, END]")
    List<String> range;

    @Option(names = "--timeout-ms", defaultValue = "600000",
            description = "how long one range may take (default: ${DEFAULT-VALUE})")
    int timeoutMs;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Optional<TokenRange> only;
        try {
            only = range == null ? Optional.empty() : Optional.of(RepairPlan.range(range.get(0), range.get(1)));
        } catch (IllegalArgumentException e) {
            err.println("ringkv repair: " + e.getMessage());
            return 2;
        }
        try (RespClient client = new RespClient(node.host, node.port, timeoutMs)) {
            RepairDriver driver = new RepairDriver(client);
            RepairPlan plan = driver.plan(only);
            RepairProgress result = driver.run(plan,
                    new RepairProgressPrinter(spec.commandLine().getOut(), System.console() != null));
            return result.succeeded() ? 0 : 1;
        } catch (RepairPlanException e) {
            err.println("ringkv repair: the server cannot list the ranges: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("ringkv repair: " + node.host + ":" + node.port + ": " + e.getMessage());
            return 1;
        }
    }
}
