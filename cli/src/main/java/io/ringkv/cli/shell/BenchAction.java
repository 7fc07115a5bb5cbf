package io.ringkv.cli.shell;

import io.ringkv.cli.BenchCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench [options]}: {@code ringkv bench} run in the shell, aimed by default at the node the
 * shell is connected to and at the session's level (when reads and writes share one).
 */
final class BenchAction {
    private BenchAction() {
    }

    static boolean run(ShellSession session, List<String> args) {
        List<String> benchArgs = new ArrayList<>();
        if (!mentions(args, "--host")) {
            benchArgs.addAll(List.of("--host", session.connection.host()));
        }
        if (!mentions(args, "--port")) {
            benchArgs.addAll(List.of("--port", String.valueOf(session.connection.port())));
        }
        ConsistencySettings levels = session.consistency();
        if (!mentions(args, "--consistency") && levels.read() == levels.write()) {
            benchArgs.addAll(List.of("--consistency", levels.read().name()));
        }
        benchArgs.addAll(args);
        return BenchCommand.execute(benchArgs, session.out) == 0;
    }

    private static boolean mentions(List<String> args, String option) {
        return args.stream().anyMatch(arg -> arg.equals(option) || arg.startsWith(option + "="));
    }
}
